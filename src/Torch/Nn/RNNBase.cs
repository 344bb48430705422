using System.Globalization;

namespace Crucible.Torch.Nn;

/// <summary>
/// Shared implementation of <see cref="RNN"/>, <see cref="LSTM"/> and <see cref="GRU"/> (PyTorch's
/// <c>RNNBase</c>): multi-layer, optionally bidirectional, batch-first or sequence-first. Parameters
/// are named as in PyTorch (<c>weight_ih_l0</c>, <c>weight_hh_l0</c>, <c>bias_ih_l0</c>,
/// <c>bias_hh_l0</c>, with a <c>_reverse</c> suffix for the backward direction) and start from
/// U(-1/√hidden_size, 1/√hidden_size). Input is (L, N, H_in), or (N, L, H_in) with
/// <see cref="BatchFirst"/>, or unbatched (L, H_in); initial states are (layers·directions, N, H_out).
/// </summary>
public abstract class RNNBase : Module
{
    private readonly List<Tensor> flatWeights = [];

    private protected RNNBase(RecurrentMode mode, long inputSize, long hiddenSize, long numLayers, bool bias, bool batchFirst, double dropout, bool bidirectional, Device? device, ScalarType? dtype)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hiddenSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(numLayers, 1);
        if (dropout is < 0 or > 1 || double.IsNaN(dropout))
        {
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "The dropout probability must be between 0 and 1.");
        }

        Mode = mode;
        (InputSize, HiddenSize, NumLayers, HasBias, BatchFirst, DropoutP, Bidirectional) = (inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional);
        var gateSize = mode switch
        {
            RecurrentMode.Lstm => 4 * hiddenSize,
            RecurrentMode.Gru => 3 * hiddenSize,
            _ => hiddenSize,
        };
        var type = dtype ?? ScalarType.Float32;
        var directions = bidirectional ? 2 : 1;
        for (var layer = 0; layer < numLayers; layer++)
        {
            var layerInput = layer == 0 ? inputSize : hiddenSize * directions;
            for (var direction = 0; direction < directions; direction++)
            {
                var suffix = string.Create(CultureInfo.InvariantCulture, $"_l{layer}{(direction == 1 ? "_reverse" : string.Empty)}");
                flatWeights.Add(RegisterParameter("weight_ih" + suffix, torch.Zeros([gateSize, layerInput], type, device)));
                flatWeights.Add(RegisterParameter("weight_hh" + suffix, torch.Zeros([gateSize, hiddenSize], type, device)));
                if (bias)
                {
                    flatWeights.Add(RegisterParameter("bias_ih" + suffix, torch.Zeros([gateSize], type, device)));
                    flatWeights.Add(RegisterParameter("bias_hh" + suffix, torch.Zeros([gateSize], type, device)));
                }
            }
        }

        ResetParameters();
    }

    /// <summary>Number of features of each input step.</summary>
    public long InputSize { get; }

    /// <summary>Number of features of the hidden state.</summary>
    public long HiddenSize { get; }

    /// <summary>Number of stacked layers. Defaults to 1.</summary>
    public long NumLayers { get; }

    /// <summary>Whether the layers have biases. Defaults to true.</summary>
    public bool HasBias { get; }

    /// <summary>Whether input and output are (N, L, H) instead of (L, N, H). Defaults to false.</summary>
    public bool BatchFirst { get; }

    /// <summary>Dropout probability on the outputs of every layer but the last, in training. Defaults to 0.</summary>
    public double DropoutP { get; }

    /// <summary>Whether every layer also runs backwards over the sequence. Defaults to false.</summary>
    public bool Bidirectional { get; }

    /// <summary>The parameters in libtorch's order: per layer and direction, w_ih, w_hh[, b_ih, b_hh].</summary>
    public IReadOnlyList<Tensor> FlatWeights => flatWeights;

    private protected RecurrentMode Mode { get; }

    /// <summary>Re-draws every parameter from U(-1/√hidden_size, 1/√hidden_size), in PyTorch's order.</summary>
    public void ResetParameters()
    {
        var bound = 1.0 / Math.Sqrt(HiddenSize);
        foreach (var w in flatWeights)
        {
            Init.Uniform(w, -bound, bound);
        }
    }

    private protected (Tensor Output, Tensor H, Tensor? C) Run(Tensor input, Tensor? h0, Tensor? c0) =>
        F.Recurrent(Mode, input, h0, c0, flatWeights, HasBias, NumLayers, DropoutP, Training, Bidirectional, BatchFirst);

    /// <inheritdoc/>
    protected override string ExtraRepr() =>
        $"{InputSize}, {HiddenSize}" + (NumLayers != 1 ? $", num_layers={NumLayers}" : string.Empty) + (HasBias ? string.Empty : ", bias=False")
        + (BatchFirst ? ", batch_first=True" : string.Empty) + (DropoutP != 0 ? $", dropout={Py(DropoutP)}" : string.Empty) + (Bidirectional ? ", bidirectional=True" : string.Empty);
}
