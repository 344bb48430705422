namespace Crucible.Tracking.Model;

/// <summary>A run's state, as MLflow names it. The numeric values are the file store's codes.</summary>
public enum RunStatus
{
    /// <summary>The run is in progress.</summary>
    Running = 1,

    /// <summary>The run is scheduled but has not started.</summary>
    Scheduled = 2,

    /// <summary>The run ended normally.</summary>
    Finished = 3,

    /// <summary>The run ended with an error.</summary>
    Failed = 4,

    /// <summary>The run was interrupted (Ctrl+C, SIGTERM).</summary>
    Killed = 5,
}
