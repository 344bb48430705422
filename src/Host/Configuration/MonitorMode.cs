namespace Crucible.Host.Configuration;

/// <summary>Whether a monitored metric improves by going down or up.</summary>
internal enum MonitorMode
{
    /// <summary>Max for metrics named like accuracy, F1, AUC or R-squared; min for everything else (losses, errors).</summary>
    Auto,

    /// <summary>Lower is better.</summary>
    Min,

    /// <summary>Higher is better.</summary>
    Max,
}
