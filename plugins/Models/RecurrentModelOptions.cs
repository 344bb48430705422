using System.ComponentModel.DataAnnotations;

namespace Crucible.Plugins.Models;

/// <summary>Options of the <c>rnn</c>, <c>lstm</c> and <c>gru</c> models.</summary>
public sealed class RecurrentModelOptions
{
    /// <summary>Features of the hidden state. Defaults to 64.</summary>
    [Range(1, 65536)]
    public int HiddenSize { get; set; } = 64;

    /// <summary>Stacked recurrent layers. Defaults to 1.</summary>
    [Range(1, 64)]
    public int Layers { get; set; } = 1;

    /// <summary>Dropout between stacked layers, and before the output layer. Defaults to 0.</summary>
    [Range(0.0, 0.99)]
    public double Dropout { get; set; }

    /// <summary>Also run each layer backwards over the sequence. Defaults to false.</summary>
    public bool Bidirectional { get; set; }

    /// <summary>Width of the token embedding used when the dataset's features are token indices (text). Defaults to 64.</summary>
    [Range(1, 65536)]
    public int EmbeddingDim { get; set; } = 64;

    /// <summary>What the output layer applies: none (logits or values), sigmoid or softmax. Defaults to none.</summary>
    public OutputActivation Output { get; set; } = OutputActivation.None;
}
