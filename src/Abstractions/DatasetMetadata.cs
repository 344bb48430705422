namespace Crucible.Abstractions;

/// <summary>
/// What a dataset tells the rest of the experiment and the tracking record about itself. Models size
/// their input and output layers from it; the trainer records <see cref="Name"/>, <see cref="Digest"/>,
/// <see cref="Source"/> and <see cref="Schema"/> as the run's MLflow dataset input.
/// </summary>
public sealed class DatasetMetadata
{
    /// <summary>A short human name (<c>mnist</c>, <c>iris</c>); MLflow's dataset name.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// A stable content hash (hex, MLflow shows the first 8 characters): same bytes and same
    /// preprocessing, same digest. Defaults to empty, which the trainer records as unknown.
    /// </summary>
    public string Digest { get; init; } = string.Empty;

    /// <summary>Where the data came from (a path or URL); MLflow's dataset source. Defaults to empty.</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>An optional JSON description of the columns (MLflow's dataset schema). Defaults to null.</summary>
    public string? Schema { get; init; }

    /// <summary>The shape of one sample's features, without the batch dimension (<c>[1, 28, 28]</c>, <c>[4]</c>).</summary>
    public required IReadOnlyList<long> FeatureShape { get; init; }

    /// <summary>Whether targets are classes or real values.</summary>
    public required TaskKind TaskKind { get; init; }

    /// <summary>The number of classes for classification; 0 for regression. Defaults to 0.</summary>
    public int NumClasses { get; init; }

    /// <summary>
    /// The width of the model's output layer: the number of classes (or 1 for a single-logit binary
    /// model) for classification, the number of target columns for regression.
    /// </summary>
    public required int OutputSize { get; init; }

    /// <summary>Class labels in index order, for reports such as a confusion matrix. Defaults to null (indices are used).</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>For token-index features (text), the vocabulary size an embedding needs. Defaults to null.</summary>
    public int? VocabularySize { get; init; }

    /// <summary>
    /// For token-index features made from text, how a raw sentence becomes them (vocabulary, length,
    /// padding), so a trained model takes raw sentences. Defaults to null.
    /// </summary>
    public TextEncoding? TextEncoding { get; init; }

    /// <summary>
    /// For features made from image files, how a file becomes them (decoding, resize, crop,
    /// normalization), so a trained model reads image files as training did. Defaults to null.
    /// </summary>
    public ImageEncoding? ImageEncoding { get; init; }

    /// <summary>
    /// The shape of one sample's model output when it is a tensor in the data's units rather than a
    /// list of <see cref="OutputSize"/> values (an autoencoder's reconstruction, a generator's image):
    /// a logged model answers in this shape, its values mapped back through <see cref="TargetScaling"/>.
    /// Defaults to null.
    /// </summary>
    public IReadOnlyList<long>? TargetShape { get; init; }

    /// <summary>
    /// The scaling applied to the feature columns (the last feature dimension), fitted on the training
    /// split; null when features are used as they are. Defaults to null.
    /// </summary>
    public ColumnScaling? FeatureScaling { get; init; }

    /// <summary>
    /// The scaling applied to regression targets, one column per output; metrics use it to report
    /// errors in the data's own units. Defaults to null (targets are not scaled).
    /// </summary>
    public ColumnScaling? TargetScaling { get; init; }

    /// <summary>
    /// Metrics of simple reference predictors the dataset computed itself, by recorded name
    /// (<c>baseline_test_rmse</c> of a naive last-value forecast), so a run shows what the model must
    /// beat. Defaults to empty.
    /// </summary>
    public IReadOnlyDictionary<string, double> Baselines { get; init; } = new Dictionary<string, double>();
}
