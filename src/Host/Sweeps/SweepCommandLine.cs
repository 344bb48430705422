namespace Crucible.Host.Sweeps;

/// <summary>What <c>crucible sweep</c>'s options say about the sweep definition; null leaves the file's setting.</summary>
internal sealed record SweepCommandLine
{
    public IReadOnlyList<string> Sweeps { get; init; } = [];

    public string? Strategy { get; init; }

    public int? Trials { get; init; }

    public int? Seed { get; init; }

    public string? Objective { get; init; }

    public string? Mode { get; init; }
}
