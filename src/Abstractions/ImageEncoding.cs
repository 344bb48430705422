namespace Crucible.Abstractions;

/// <summary>
/// How an image dataset turns an image file into a sample's features, recorded with a trained model
/// so that <c>crucible predict</c> and <c>crucible serve</c> read image files exactly as training read
/// the test split: decoded (PNG or JPEG) to 8-bit RGBA, converted to <see cref="Channels"/> (gray as
/// ITU-R 601 luma in fixed point, PIL's <c>convert("L")</c>), resized with <see cref="Resampling"/>,
/// cropped in the middle to <see cref="Crop"/>, then <c>(pixel / 255 - mean[c]) / std[c]</c> per channel.
/// </summary>
public sealed class ImageEncoding
{
    /// <summary>The Mitchell-Netravali cubic filter (B = C = 1/3), SkiaSharp's <c>SKCubicResampler.Mitchell</c>.</summary>
    public const string Mitchell = "mitchell";

    /// <summary>Colour channels of the features: 1 (gray) or 3 (RGB). Required.</summary>
    public required int Channels { get; init; }

    /// <summary>
    /// The resize before cropping: [size] scales the shorter side to size keeping the aspect ratio
    /// (the longer side truncated), [height, width] scales to exactly that. Defaults to null (no resizing).
    /// </summary>
    public IReadOnlyList<int>? Resize { get; init; }

    /// <summary>The centered crop taken after resizing, [height, width]. Defaults to null (no crop).</summary>
    public IReadOnlyList<int>? Crop { get; init; }

    /// <summary>The resize filter. Defaults to <see cref="Mitchell"/>.</summary>
    public string Resampling { get; init; } = Mitchell;

    /// <summary>Per-channel mean subtracted from pixels in [0, 1], one per channel. Required.</summary>
    public required IReadOnlyList<double> Mean { get; init; }

    /// <summary>Per-channel standard deviation the pixels are divided by after the mean, one per channel. Required.</summary>
    public required IReadOnlyList<double> Std { get; init; }
}
