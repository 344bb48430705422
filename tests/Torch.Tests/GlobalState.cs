namespace Crucible.Torch.Tests;

/// <summary>
/// Tests that read or change process-wide libtorch state (the default random generator, the
/// thread count, the determinism switch) run in this collection, which xunit runs alone, so no
/// test running in parallel draws from the generator between a seed and the draws it checks.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalState
{
    public const string Name = "libtorch global state";
}
