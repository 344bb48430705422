using System.ComponentModel.DataAnnotations;

namespace Crucible.Plugins.Models;

/// <summary>One convolution block of the <c>cnn</c> model: Conv2d, [BatchNorm2d], activation, [pooling], [dropout].</summary>
public sealed class ConvBlockOptions
{
    /// <summary>Output channels of the convolution. Defaults to 32.</summary>
    [Range(1, 65536)]
    public int Filters { get; set; } = 32;

    /// <summary>Square kernel size. Defaults to 3.</summary>
    [Range(1, 64)]
    public int Kernel { get; set; } = 3;

    /// <summary>Zero padding on each side; null keeps the size ("same" for odd kernels, kernel / 2). Defaults to null.</summary>
    [Range(0, 64)]
    public int? Padding { get; set; }

    /// <summary>Convolution stride. Defaults to 1.</summary>
    [Range(1, 64)]
    public int Stride { get; set; } = 1;

    /// <summary>Batch normalization after the convolution. Defaults to false.</summary>
    public bool BatchNorm { get; set; }

    /// <summary>Max-pooling window (and stride) after the activation; 1 for none. Defaults to 2.</summary>
    [Range(1, 64)]
    public int Pool { get; set; } = 2;

    /// <summary>Average instead of max pooling (LeNet-5's subsampling). Defaults to false.</summary>
    public bool AveragePool { get; set; }

    /// <summary>Dropout probability after the block. Defaults to 0.</summary>
    [Range(0.0, 0.99)]
    public double Dropout { get; set; }
}
