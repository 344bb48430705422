namespace Crucible.Host.Tests;

/// <summary>
/// Tests that train (seeding and drawing from libtorch's default generator, setting threads or
/// determinism) run in this collection, which xunit runs alone: no test in parallel draws from the
/// generator between a seed and the draws it checks, as in-process CLI runs and other trainer
/// tests would.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalState
{
    public const string Name = "libtorch global state";
}
