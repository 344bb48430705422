namespace Crucible.Torch.Nn;

/// <summary>
/// A multi-layer gated recurrent unit network (<c>nn.GRU</c>); see <see cref="RNNBase"/> for
/// shapes and parameter names (gates ordered reset, update, new, as in PyTorch).
/// </summary>
public sealed class GRU : RNNBase
{
    /// <summary>Creates the network.</summary>
    /// <param name="inputSize">Features of each input step.</param>
    /// <param name="hiddenSize">Features of the hidden state.</param>
    /// <param name="numLayers">Stacked layers. Defaults to 1.</param>
    /// <param name="bias">Whether the layers have biases. Defaults to true.</param>
    /// <param name="batchFirst">Input and output are (N, L, H). Defaults to false.</param>
    /// <param name="dropout">Dropout on the outputs of every layer but the last, in training. Defaults to 0.</param>
    /// <param name="bidirectional">Also run backwards over the sequence. Defaults to false.</param>
    /// <param name="device">Where to create the parameters; the CPU by default.</param>
    /// <param name="dtype">The parameters' element type; float32 by default.</param>
    public GRU(long inputSize, long hiddenSize, long numLayers = 1, bool bias = true, bool batchFirst = false, double dropout = 0, bool bidirectional = false, Device? device = null, ScalarType? dtype = null)
        : base(RecurrentMode.Gru, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, device, dtype)
    {
    }

    /// <summary>Runs the sequence from <paramref name="hx"/> (null: zeros).</summary>
    /// <returns>The last layer's output at every step, and every layer's final hidden state.</returns>
    public (Tensor Output, Tensor H) Forward(Tensor input, Tensor? hx)
    {
        var (output, h, _) = Run(input, hx, null);
        return (output, h);
    }

    /// <summary>Runs the sequence from zeros and returns the last layer's output at every step.</summary>
    public override Tensor Forward(Tensor input)
    {
        var (output, h) = Forward(input, null);
        h.Dispose();
        return output;
    }
}
