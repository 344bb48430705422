namespace Crucible.Host.Training;

/// <summary>The settings the training loop itself needs, taken from the experiment's <c>training</c> section.</summary>
internal sealed record TrainerOptions
{
    /// <summary>Epochs to train (a resumed run counts the epochs it already did).</summary>
    public required int Epochs { get; init; }

    /// <summary>Samples per training batch; the last batch of an epoch may be smaller.</summary>
    public required int BatchSize { get; init; }

    /// <summary>Samples per validation and test batch. Defaults to the training batch size.</summary>
    public int? EvaluationBatchSize { get; init; }

    /// <summary>Whether an epoch's last batch is dropped when it is short (PyTorch's <c>drop_last</c>). Defaults to false.</summary>
    public bool DropLast { get; init; }

    /// <summary>Whether each epoch visits the training samples in a new random order. Defaults to true.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Rescale gradients so their global L2 norm is at most this (<c>clip_grad_norm_</c>). Defaults to none.</summary>
    public double? ClipGradientNorm { get; init; }

    /// <summary>The p of the norm <see cref="ClipGradientNorm"/> uses (infinity allowed). Defaults to 2.</summary>
    public double ClipGradientNormType { get; init; } = 2.0;

    /// <summary>Clamp every gradient element to [-v, v] (<c>clip_grad_value_</c>). Defaults to none.</summary>
    public double? ClipGradientValue { get; init; }

    /// <summary>Batches whose gradients are summed before each optimizer step. Defaults to 1.</summary>
    public int AccumulateGradBatches { get; init; } = 1;

    /// <summary>Record the training batch loss every N optimizer steps (0: only per epoch). Defaults to 0.</summary>
    public int LogEveryNSteps { get; init; }

    /// <summary>Float precision of the forward passes: 32, bf16 or 16 (see <see cref="MixedPrecision"/>). Defaults to 32.</summary>
    public string Precision { get; init; } = MixedPrecision.Full;
}
