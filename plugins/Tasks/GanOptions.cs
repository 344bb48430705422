using System.ComponentModel.DataAnnotations;

namespace Crucible.Plugins.Tasks;

/// <summary>Options of the <c>gan</c> task.</summary>
public sealed class GanOptions
{
    /// <summary>The length of the generator's noise vector. Defaults to 64.</summary>
    [Range(1, 4096)]
    public int LatentDim { get; set; } = 64;

    /// <summary>
    /// Every how many epochs the fixed-noise grid of generated samples is recorded as
    /// <c>samples/epoch-NNN.png</c> (also after the last epoch, as <c>samples/final.png</c>); 0 records only the final one. Defaults to 1.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int GridEveryEpochs { get; set; } = 1;

    /// <summary>How many samples the grid shows (the same noise every time). Defaults to 64.</summary>
    [Range(1, 1024)]
    public int GridSamples { get; set; } = 64;

    /// <summary>
    /// How many samples to generate after training into <c>samples/generated.idx</c> (an IDX file of
    /// bytes, as MNIST's; what scripts/gan-quality.sh classifies); 0 writes none. Defaults to 1000.
    /// </summary>
    [Range(0, 100_000)]
    public int GeneratedSamples { get; set; } = 1000;

    /// <summary>
    /// The target for real samples in the discriminator's loss (one-sided label smoothing: 0.9 is
    /// common); 1 is the plain loss. Defaults to 1.
    /// </summary>
    [Range(0.5, 1.0)]
    public double RealLabel { get; set; } = 1.0;

    /// <summary>
    /// A class-conditional GAN (Mirza and Osindero 2014): the generator sees its noise with the
    /// one-hot class appended, the discriminator the sample flattened with the one-hot class
    /// appended, and both learn "a digit of this class" instead of "a digit". Real samples bring
    /// their labels; generated ones are asked for a class (the real batch's classes in training, the
    /// classes in equal blocks in <c>samples/generated.idx</c>, whose requested classes go to
    /// <c>samples/generated-labels.idx</c>; a grid column per class). Needs a classification dataset.
    /// Defaults to false.
    /// </summary>
    public bool Conditional { get; set; }
}
