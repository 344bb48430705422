namespace Crucible.Tracking.Model;

/// <summary>Converts <see cref="RunStatus"/> to and from MLflow's wire names (<c>RUNNING</c>, ...).</summary>
public static class RunStatusNames
{
    /// <summary>The MLflow name of a status.</summary>
    public static string ToMlflow(RunStatus status) => status switch
    {
        RunStatus.Running => "RUNNING",
        RunStatus.Scheduled => "SCHEDULED",
        RunStatus.Finished => "FINISHED",
        RunStatus.Failed => "FAILED",
        RunStatus.Killed => "KILLED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown run status."),
    };

    /// <summary>Parses an MLflow status name; unknown names give <see cref="RunStatus.Running"/>.</summary>
    public static RunStatus FromMlflow(string? name) => name switch
    {
        "SCHEDULED" => RunStatus.Scheduled,
        "FINISHED" => RunStatus.Finished,
        "FAILED" => RunStatus.Failed,
        "KILLED" => RunStatus.Killed,
        _ => RunStatus.Running,
    };
}
