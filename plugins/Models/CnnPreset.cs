namespace Crucible.Plugins.Models;

/// <summary>Ready-made convolutional architectures.</summary>
public enum CnnPreset
{
    /// <summary>No preset: the blocks and dense layers given in the options.</summary>
    None,

    /// <summary>
    /// LeCun et al.'s LeNet-5 (1998) with today's ReLU and max pooling: conv 6@5x5 (padding 2), pool,
    /// conv 16@5x5, pool, dense 120, dense 84, output.
    /// </summary>
    LeNet5,
}
