using System.ComponentModel.DataAnnotations;

namespace Crucible.Plugins.Models;

/// <summary>Options of the <c>cnn</c> model.</summary>
public sealed class CnnModelOptions
{
    /// <summary>A ready-made architecture (lenet5) that replaces blocks and hidden. Defaults to none.</summary>
    public CnnPreset Preset { get; set; } = CnnPreset.None;

    /// <summary>The convolution blocks, input side first. Defaults to two blocks of 32 and 64 filters.</summary>
    [Required]
    public ConvBlockOptions[] Blocks { get; set; } = [new() { Filters = 32 }, new() { Filters = 64 }];

    /// <summary>Widths of the dense layers between the flattened convolution output and the output layer. Defaults to [128].</summary>
    [Required]
    public int[] Hidden { get; set; } = [128];

    /// <summary>The nonlinearity of every block and dense layer. Defaults to relu.</summary>
    public Activation Activation { get; set; } = Activation.Relu;

    /// <summary>Dropout probability after each dense layer. Defaults to 0.</summary>
    [Range(0.0, 0.99)]
    public double Dropout { get; set; }
}
