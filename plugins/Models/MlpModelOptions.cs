using System.ComponentModel.DataAnnotations;

namespace Crucible.Plugins.Models;

/// <summary>Options of the <c>mlp</c> model.</summary>
public sealed class MlpModelOptions
{
    /// <summary>Widths of the hidden layers, input side first. Defaults to [64].</summary>
    [Required]
    public int[] Hidden { get; set; } = [64];

    /// <summary>The nonlinearity after each hidden layer. Defaults to relu.</summary>
    public Activation Activation { get; set; } = Activation.Relu;

    /// <summary>Dropout probability after each hidden layer's activation. Defaults to 0.</summary>
    [Range(0.0, 0.99)]
    public double Dropout { get; set; }

    /// <summary>Batch normalization between each hidden layer and its activation. Defaults to false.</summary>
    public bool BatchNorm { get; set; }

    /// <summary>What the output layer applies: none (logits), sigmoid or softmax. Defaults to none.</summary>
    public OutputActivation Output { get; set; } = OutputActivation.None;
}
