namespace Crucible.Plugins.Datasets.Common;

/// <summary>How feature values are rescaled before training.</summary>
public enum Scaling
{
    /// <summary>Values are used as they are.</summary>
    None,

    /// <summary>Zero mean and unit variance per column (scikit-learn's StandardScaler).</summary>
    Standardize,

    /// <summary>Each column mapped to [0, 1] (scikit-learn's MinMaxScaler).</summary>
    MinMax,
}
