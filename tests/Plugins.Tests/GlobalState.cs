namespace Crucible.Plugins.Tests;

/// <summary>
/// Tests that seed libtorch's default generator and check what it draws run in this collection,
/// which xunit runs alone: a test class running in parallel builds modules (whose initialisation
/// draws from the same generator) between the seed and the draws. The GAN parity test failed on CI
/// that way: its noise after the first step was not PyTorch's.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalState
{
    public const string Name = "libtorch global state";
}
