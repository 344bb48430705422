namespace Crucible.Integration.Tests.Experiments;

/// <summary>
/// Marks a test that runs <c>experiments/&lt;name&gt;.json</c> end to end and asserts its result;
/// <see cref="ExperimentCoverageTests"/> requires one for every small experiment.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class RunsExperimentAttribute(string name) : Attribute
{
    /// <summary>The experiment's name relative to <c>experiments/</c>, without <c>.json</c>.</summary>
    public string Name { get; } = name;
}
