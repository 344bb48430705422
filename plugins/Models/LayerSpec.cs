using System.ComponentModel.DataAnnotations;

namespace Crucible.Plugins.Models;

/// <summary>
/// One layer of the <c>sequential</c> model. <see cref="Type"/> picks the layer; it reads the options
/// that apply to it. Input sizes are inferred from the previous layer's output shape.
/// </summary>
public sealed class LayerSpec
{
    /// <summary>
    /// The layer: linear, conv1d, conv2d, maxpool2d, avgpool2d, flatten, dropout, dropout2d,
    /// batchnorm, layernorm, embedding, rnn, lstm, gru, relu, tanh, sigmoid, leakyrelu, elu, gelu,
    /// silu, softmax, logsoftmax. Required.
    /// </summary>
    [Required]
    public string Type { get; set; } = string.Empty;

    /// <summary>Output features (linear), channels (conv), embedding width, or hidden size (rnn/lstm/gru); null for the output layer's width on a linear layer. Defaults to null.</summary>
    [Range(1, int.MaxValue)]
    public int? Out { get; set; }

    /// <summary>Kernel or pooling window size. Defaults to 3 for convolutions, 2 for pooling.</summary>
    [Range(1, 1024)]
    public int? Kernel { get; set; }

    /// <summary>Stride. Defaults to 1 for convolutions, the window for pooling.</summary>
    [Range(1, 1024)]
    public int? Stride { get; set; }

    /// <summary>Zero padding. Defaults to 0.</summary>
    [Range(0, 1024)]
    public int? Padding { get; set; }

    /// <summary>Dropout probability. Defaults to 0.5.</summary>
    [Range(0.0, 1.0)]
    public double? P { get; set; }

    /// <summary>Stacked recurrent layers. Defaults to 1.</summary>
    [Range(1, 64)]
    public int? Layers { get; set; }

    /// <summary>Whether a recurrent layer returns every step (true) or only the last (false). Defaults to false.</summary>
    public bool ReturnSequences { get; set; }
}
