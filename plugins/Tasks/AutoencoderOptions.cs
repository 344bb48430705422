using System.ComponentModel.DataAnnotations;

namespace Crucible.Plugins.Tasks;

/// <summary>Options of the <c>autoencoder</c> task.</summary>
public sealed class AutoencoderOptions
{
    /// <summary>
    /// Every how many epochs a grid of inputs next to their reconstructions is recorded as
    /// <c>reconstructions/epoch-NNN.png</c> (image data only; also after the last epoch); 0 records none. Defaults to 1.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int GridEveryEpochs { get; set; } = 1;

    /// <summary>How many inputs the grid shows (each beside its reconstruction). Defaults to 16.</summary>
    [Range(1, 256)]
    public int GridSamples { get; set; } = 16;
}
