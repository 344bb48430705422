namespace Crucible.Plugins.Datasets.Idx;

/// <summary>How IDX pixel bytes (0-255) become feature values.</summary>
public enum PixelNormalization
{
    /// <summary>The raw byte values, 0 to 255.</summary>
    None,

    /// <summary>Divided by 255, so pixels lie in [0, 1] (torchvision's ToTensor).</summary>
    Unit,

    /// <summary>Divided by 255, then standardized with the training images' mean and standard deviation (MNIST: 0.1307, 0.3081).</summary>
    Standardize,
}
