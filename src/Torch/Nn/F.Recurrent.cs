using System.Runtime.InteropServices;
using Crucible.Torch.Interop;

namespace Crucible.Torch.Nn;

public static partial class F
{
    /// <summary>
    /// An Elman RNN over a whole sequence (<c>torch.rnn_tanh</c> / <c>torch.rnn_relu</c>), the
    /// function behind <see cref="RNN"/>. <paramref name="weights"/> holds, per layer and direction,
    /// <c>weight_ih, weight_hh[, bias_ih, bias_hh]</c>. A null <paramref name="hx"/> starts from zeros.
    /// </summary>
    /// <returns>The output of the last layer at every step, and the final hidden state of every layer.</returns>
    public static (Tensor Output, Tensor H) Rnn(Tensor input, Tensor? hx, IReadOnlyList<Tensor> weights, bool hasBiases, long numLayers, double dropout, bool training, bool bidirectional, bool batchFirst, string nonlinearity = "tanh")
    {
        var mode = nonlinearity switch
        {
            "tanh" => RecurrentMode.Tanh,
            "relu" => RecurrentMode.Relu,
            _ => throw new ArgumentException($"Unknown nonlinearity '{nonlinearity}'. Expected \"tanh\" or \"relu\".", nameof(nonlinearity)),
        };
        var (output, h, _) = Recurrent(mode, input, hx, null, weights, hasBiases, numLayers, dropout, training, bidirectional, batchFirst);
        return (output, h);
    }

    /// <summary>
    /// A long short-term memory network over a whole sequence (<c>torch.lstm</c>), the function
    /// behind <see cref="LSTM"/>. A null <paramref name="state"/> starts from zeros.
    /// </summary>
    /// <returns>The output of the last layer at every step, and the final hidden and cell states of every layer.</returns>
    public static (Tensor Output, (Tensor H, Tensor C) State) Lstm(Tensor input, (Tensor H, Tensor C)? state, IReadOnlyList<Tensor> weights, bool hasBiases, long numLayers, double dropout, bool training, bool bidirectional, bool batchFirst)
    {
        var (output, h, c) = Recurrent(RecurrentMode.Lstm, input, state?.H, state?.C, weights, hasBiases, numLayers, dropout, training, bidirectional, batchFirst);
        return (output, (h, c!));
    }

    /// <summary>
    /// A gated recurrent unit network over a whole sequence (<c>torch.gru</c>), the function behind
    /// <see cref="GRU"/>. A null <paramref name="hx"/> starts from zeros.
    /// </summary>
    /// <returns>The output of the last layer at every step, and the final hidden state of every layer.</returns>
    public static (Tensor Output, Tensor H) Gru(Tensor input, Tensor? hx, IReadOnlyList<Tensor> weights, bool hasBiases, long numLayers, double dropout, bool training, bool bidirectional, bool batchFirst)
    {
        var (output, h, _) = Recurrent(RecurrentMode.Gru, input, hx, null, weights, hasBiases, numLayers, dropout, training, bidirectional, batchFirst);
        return (output, h);
    }

    internal static unsafe (Tensor Output, Tensor H, Tensor? C) Recurrent(RecurrentMode mode, Tensor input, Tensor? h0, Tensor? c0, IReadOnlyList<Tensor> weights, bool hasBiases, long numLayers, double dropout, bool training, bool bidirectional, bool batchFirst)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var perLayer = (hasBiases ? 4 : 2) * (bidirectional ? 2 : 1);
        if (weights.Count != perLayer * numLayers)
        {
            throw new ArgumentException($"Expected {perLayer * numLayers} weight tensors for {numLayers} layer(s){(bidirectional ? ", bidirectional" : string.Empty)}{(hasBiases ? " with biases" : string.Empty)}, got {weights.Count}.", nameof(weights));
        }

        // The native side borrows the handles for the duration of the call; keep them alive meanwhile.
        var handles = new SafeHandle[weights.Count];
        var pointers = new IntPtr[weights.Count];
        var added = new bool[weights.Count];
        try
        {
            for (var i = 0; i < weights.Count; i++)
            {
                handles[i] = Tensor.H(weights[i]);
                handles[i].DangerousAddRef(ref added[i]);
                pointers[i] = handles[i].DangerousGetHandle();
            }

            fixed (IntPtr* p = pointers)
            {
                NativeMethods.Check(NativeMethods.crc_nn_rnn(
                    (int)mode, Tensor.H(input), NativeMethods.Opt(h0), NativeMethods.Opt(c0), p, pointers.Length,
                    hasBiases ? 1 : 0, numLayers, dropout, training ? 1 : 0, bidirectional ? 1 : 0, batchFirst ? 1 : 0,
                    out var output, out var h, out var c));
                var result = (new Tensor(output), new Tensor(h), mode == RecurrentMode.Lstm ? new Tensor(c) : null);
                if (mode != RecurrentMode.Lstm)
                {
                    c.Dispose();
                }

                return result;
            }
        }
        finally
        {
            for (var i = 0; i < handles.Length; i++)
            {
                if (added[i])
                {
                    handles[i].DangerousRelease();
                }
            }
        }
    }
}
