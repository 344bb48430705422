namespace Crucible.Plugins.Metrics.Math;

/// <summary>How per-class precision, recall and F1 combine into one number (scikit-learn's <c>average=</c>).</summary>
public enum Averaging
{
    /// <summary>The positive class (1) only; for two classes.</summary>
    Binary,

    /// <summary>The unweighted mean over classes.</summary>
    Macro,

    /// <summary>Computed from the pooled true/false positives and negatives of every class.</summary>
    Micro,

    /// <summary>The mean over classes weighted by each class's support (true count).</summary>
    Weighted,
}
