namespace Crucible.Host.Training;

/// <summary>The command line's say in a run, on top of the experiment file.</summary>
internal sealed record RunOptions
{
    /// <summary><c>--resume RUN_ID</c>: continue that run from its last checkpoint. Defaults to null (a new run).</summary>
    public string? ResumeRunId => Resume?.RunId;

    /// <summary>The run <c>--resume</c> continues, read (not yet touched) from the store. Defaults to null (a new run).</summary>
    public ResumePoint? Resume { get; init; }

    /// <summary><c>--tracking-uri</c>; wins over the file and <c>MLFLOW_TRACKING_URI</c>. Defaults to null.</summary>
    public string? TrackingUri { get; init; }

    /// <summary><c>--experiment</c>; wins over the file and <c>MLFLOW_EXPERIMENT_NAME</c>. Defaults to null.</summary>
    public string? ExperimentName { get; init; }

    /// <summary><c>--verbose</c>: debug lines on the console too. Defaults to false.</summary>
    public bool Verbose { get; init; }

    /// <summary><c>--quiet</c>: only warnings and errors on the console, no progress bar. Defaults to false.</summary>
    public bool Quiet { get; init; }

    /// <summary><c>--log-file</c>: also append the run's log to this file. Defaults to null.</summary>
    public string? LogFile { get; init; }

    /// <summary>Register the run's model under this name when the run finishes (<c>--register-model</c>).</summary>
    public string? RegisterModel { get; init; }

    /// <summary>Told the run id once the run exists (<c>crucible reproduce</c> compares against it).</summary>
    public Action<string>? RunStarted { get; init; }

    /// <summary>Where <c>./mlruns</c> and relative paths resolve. Defaults to the current directory.</summary>
    public string WorkingDirectory { get; init; } = Directory.GetCurrentDirectory();
}
