namespace Crucible.Host.Sweeps;

/// <summary>How trials are submitted to Slurm (<c>sbatch</c> options); null leaves the cluster's default.</summary>
internal sealed record SlurmOptions
{
    /// <summary><c>--account</c>.</summary>
    public string? Account { get; init; }

    /// <summary><c>--partition</c>.</summary>
    public string? Partition { get; init; }

    /// <summary><c>--time</c>, e.g. <c>01:00:00</c>.</summary>
    public string? Time { get; init; }

    /// <summary><c>--cpus-per-task</c>; also the trial's libtorch threads.</summary>
    public int? CpusPerTask { get; init; }

    /// <summary><c>--mem</c>, e.g. <c>8G</c>.</summary>
    public string? Memory { get; init; }

    /// <summary><c>--gres</c>, e.g. <c>gpu:1</c>.</summary>
    public string? Gres { get; init; }

    /// <summary>More <c>sbatch</c> arguments, each one token (<c>--qos=high</c>).</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>How often the job's state is polled with <c>squeue</c>. Defaults to 5 seconds.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);
}
