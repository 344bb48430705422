using System.ComponentModel.DataAnnotations;

namespace Crucible.Plugins.Datasets.Augmentation;

/// <summary>
/// Random crop with padding (torchvision's <c>RandomCrop(size, padding)</c>): each image is padded on
/// every side and cropped back to its own size at a random offset, so its content shifts by up to
/// <see cref="Padding"/> pixels in each direction.
/// </summary>
public sealed class RandomCropOptions
{
    /// <summary>Pixels added on each side before cropping (the largest shift). Defaults to 4.</summary>
    [Range(1, 64)]
    public int Padding { get; set; } = 4;
}
