using Crucible.Torch.Interop;

namespace Crucible.Torch.Nn;

/// <summary>
/// A lookup table of <see cref="NumEmbeddings"/> vectors of size <see cref="EmbeddingDim"/>,
/// indexed by int64 tensors (<c>nn.Embedding</c>). Parameter <c>weight</c> starts from N(0, 1),
/// with the <see cref="PaddingIdx"/> row zeroed. With <see cref="Sparse"/> the weight's gradient is
/// a sparse tensor (use an optimizer that accepts sparse gradients, such as SGD).
/// </summary>
public sealed class Embedding : Module
{
    /// <summary>Creates the table.</summary>
    /// <param name="numEmbeddings">Number of rows (the vocabulary size).</param>
    /// <param name="embeddingDim">Size of each vector.</param>
    /// <param name="paddingIdx">A row that stays fixed (zero at start, no gradient), e.g. for padding tokens; negative counts from the end.</param>
    /// <param name="scaleGradByFreq">Scale gradients by the inverse frequency of the indices in the batch. Defaults to false.</param>
    /// <param name="sparse">Produce a sparse gradient for the weight. Defaults to false.</param>
    /// <param name="device">Where to create the weight; the CPU by default.</param>
    /// <param name="dtype">The weight's element type; float32 by default.</param>
    public Embedding(long numEmbeddings, long embeddingDim, long? paddingIdx = null, bool scaleGradByFreq = false, bool sparse = false, Device? device = null, ScalarType? dtype = null)
        : this(numEmbeddings, embeddingDim, paddingIdx, scaleGradByFreq, sparse, null, freeze: false, device, dtype)
    {
    }

    private Embedding(long numEmbeddings, long embeddingDim, long? paddingIdx, bool scaleGradByFreq, bool sparse, Tensor? weight, bool freeze, Device? device, ScalarType? dtype)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numEmbeddings, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(embeddingDim, 1);
        if (paddingIdx is long idx)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(idx, -numEmbeddings, nameof(paddingIdx));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(idx, numEmbeddings, nameof(paddingIdx));
            paddingIdx = idx < 0 ? idx + numEmbeddings : idx;
        }

        (NumEmbeddings, EmbeddingDim, PaddingIdx, ScaleGradByFreq, Sparse) = (numEmbeddings, embeddingDim, paddingIdx, scaleGradByFreq, sparse);
        if (weight is null)
        {
            Weight = RegisterParameter("weight", torch.Zeros([numEmbeddings, embeddingDim], dtype ?? ScalarType.Float32, device));
            ResetParameters();
        }
        else
        {
            Weight = RegisterParameter("weight", weight, requiresGrad: !freeze);
        }
    }

    /// <summary>
    /// Creates a table holding a copy of <paramref name="embeddings"/> (rows, dim)
    /// (<c>nn.Embedding.from_pretrained</c>); <paramref name="freeze"/> (the default) keeps it fixed.
    /// </summary>
    public static Embedding FromPretrained(Tensor embeddings, bool freeze = true, long? paddingIdx = null, bool scaleGradByFreq = false, bool sparse = false)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        if (embeddings.Dim != 2)
        {
            throw new ArgumentException($"Embeddings must be 2-D (rows, dim), got shape [{string.Join(", ", embeddings.Shape)}].", nameof(embeddings));
        }

        var shape = embeddings.Shape;
        var copy = embeddings.Detach().To(embeddings.Device, embeddings.DType, copy: true);
        return new Embedding(shape[0], shape[1], paddingIdx, scaleGradByFreq, sparse, copy, freeze, null, null);
    }

    /// <summary>Number of rows.</summary>
    public long NumEmbeddings { get; }

    /// <summary>Size of each vector.</summary>
    public long EmbeddingDim { get; }

    /// <summary>The padding row (non-negative), or null.</summary>
    public long? PaddingIdx { get; }

    /// <summary>Whether gradients are scaled by the inverse index frequency.</summary>
    public bool ScaleGradByFreq { get; }

    /// <summary>Whether the weight's gradient is sparse.</summary>
    public bool Sparse { get; }

    /// <summary>The table, shape (num_embeddings, embedding_dim).</summary>
    public Tensor Weight { get; }

    /// <summary>Re-draws the weight from N(0, 1) and zeroes the padding row, as PyTorch does.</summary>
    public void ResetParameters()
    {
        Init.Normal(Weight);
        if (PaddingIdx is long idx)
        {
            NativeMethods.Check(NativeMethods.crc_nn_init_fill_row_(Weight.Handle, idx, 0));
        }
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.Embedding(input, Weight, PaddingIdx, ScaleGradByFreq, Sparse);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"{NumEmbeddings}, {EmbeddingDim}" + (PaddingIdx is long p ? $", padding_idx={p}" : string.Empty) + (ScaleGradByFreq ? ", scale_grad_by_freq=True" : string.Empty) + (Sparse ? ", sparse=True" : string.Empty);
}
