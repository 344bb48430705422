namespace Crucible.Host.Sweeps;

/// <summary>Runs trials as <c>crucible run</c> processes somewhere (this machine, a Slurm cluster).</summary>
internal interface ITrialLauncher
{
    /// <summary>How many trials run at once.</summary>
    int Parallelism { get; }

    /// <summary>
    /// Runs <paramref name="trials"/>, writing each one's output to its log in <paramref name="logDirectory"/>,
    /// and returns each one's exit code (null when it never started). On cancellation stops the running
    /// trials (their runs end KILLED) and starts no more.
    /// </summary>
    Task<IReadOnlyList<int?>> RunAsync(IReadOnlyList<TrialLaunch> trials, string logDirectory, CancellationToken cancellationToken);
}
