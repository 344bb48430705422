namespace Crucible.Plugins.Datasets.Tabular;

/// <summary>What the first line of a CSV file holds.</summary>
public enum HeaderKind
{
    /// <summary>Decide from the content: scikit-learn's count header, column names, or data.</summary>
    Auto,

    /// <summary>The first line is data.</summary>
    None,

    /// <summary>The first line names the columns.</summary>
    Names,

    /// <summary>
    /// scikit-learn's <c>n_samples,n_features,class0,class1,...</c> line (iris, breast_cancer,
    /// wine_data): no column names, and the label column holds indices into the class names.
    /// </summary>
    Sklearn,
}
