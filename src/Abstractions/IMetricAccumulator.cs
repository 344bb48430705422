using Crucible.Torch;

namespace Crucible.Abstractions;

/// <summary>
/// A stateful metric over one pass of a split: the trainer calls <see cref="Reset"/>, then
/// <see cref="Update"/> per batch, then <see cref="Compute"/> once, so epoch metrics are exact over the
/// whole epoch (never an average of per-batch ratios). Keep running counts on the device where possible:
/// reading a tensor back to the host per batch stalls a GPU.
/// </summary>
public interface IMetricAccumulator : IDisposable
{
    /// <summary>Forgets everything seen so far.</summary>
    void Reset();

    /// <summary>
    /// Accumulates one batch. <paramref name="output"/> is the model's raw output (logits for
    /// classification), detached; <paramref name="target"/> the batch's targets. Both stay owned by the caller.
    /// </summary>
    void Update(Tensor output, Tensor target);

    /// <summary>
    /// The metric's values over everything since <see cref="Reset"/>, by name without split prefix
    /// (<c>accuracy</c>, or <c>precision_macro</c>, <c>recall_macro</c>, ...); the trainer records them as
    /// <c>train_accuracy</c>, <c>val_accuracy</c>, <c>test_accuracy</c>.
    /// </summary>
    IReadOnlyDictionary<string, double> Compute();

    /// <summary>
    /// Writes files describing the last <see cref="Compute"/> (a confusion matrix CSV or image) into
    /// <paramref name="directory"/> and returns their paths; the trainer records them as artifacts
    /// after the test pass. Defaults to writing nothing.
    /// </summary>
    /// <param name="directory">An existing folder for the files.</param>
    /// <param name="split">The split they describe (<c>val</c>, <c>test</c>), for file names.</param>
    IReadOnlyList<string> WriteArtifacts(string directory, string split) => [];
}
