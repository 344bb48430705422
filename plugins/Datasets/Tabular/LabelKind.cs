namespace Crucible.Plugins.Datasets.Tabular;

/// <summary>Whether a label column holds classes or numbers to regress.</summary>
public enum LabelKind
{
    /// <summary>Classes when the label column is not numeric or a scikit-learn header names them; numbers otherwise.</summary>
    Auto,

    /// <summary>Class labels: numbers or strings, mapped to indices 0..C-1.</summary>
    Classification,

    /// <summary>Real-valued targets.</summary>
    Regression,
}
