namespace Crucible.Plugins.Callbacks;

/// <summary>Options of the <c>linear-report</c> callback.</summary>
public sealed class LinearReportOptions
{
    /// <summary>
    /// Also record the slopes and intercepts after every epoch, so MLflow plots how they approach the
    /// fit; otherwise only after training. Defaults to false.
    /// </summary>
    public bool EveryEpoch { get; set; }
}
