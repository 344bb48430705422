using Crucible.Torch;

namespace Crucible.Abstractions;

/// <summary>
/// What a step of a <see cref="TrainingTask"/> returns for one batch. The trainer records every
/// value as an epoch mean weighted by batch size: <see cref="Loss"/> as <c>{split}_loss</c> and each of
/// <see cref="Values"/> as <c>{split}_{key}</c> (<c>train_</c>, <c>val_</c>, <c>test_</c>).
/// </summary>
public sealed class StepOutput
{
    /// <summary>
    /// The batch's scalar loss. With automatic optimization the trainer backpropagates it and steps the
    /// optimizer (a training step must return it); with manual optimization it is only recorded. Defaults to none.
    /// </summary>
    public Tensor? Loss { get; init; }

    /// <summary>The model's output, which the experiment's metrics compare with <see cref="Target"/>. Defaults to none (no metrics updated).</summary>
    public Tensor? Output { get; init; }

    /// <summary>What <see cref="Output"/> should have been. Defaults to the batch's targets.</summary>
    public Tensor? Target { get; init; }

    /// <summary>Further scalars to record by name (<c>g_loss</c>, <c>d_loss</c>). Defaults to none.</summary>
    public IReadOnlyDictionary<string, Tensor> Values { get; init; } = new Dictionary<string, Tensor>();
}
