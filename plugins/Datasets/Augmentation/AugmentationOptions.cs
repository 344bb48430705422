using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Crucible.Plugins.Datasets.Augmentation;

/// <summary>
/// Random augmentation of training images, applied on the training device to every training batch
/// (never to validation or test data), in this order: random crop, flips, one affine resampling
/// (rotation, translation, scale), noise. Each image of a batch draws its own random parameters from
/// libtorch's generator, so the experiment's seed makes a run reproducible. Example:
/// <c>"augmentation": { "randomCrop": { "padding": 2 }, "horizontalFlip": 0.5, "rotation": 10, "noise": 0.05 }</c>.
/// </summary>
public sealed class AugmentationOptions : IValidatableObject
{
    /// <summary>Pad each side and crop back at a random offset. Defaults to null (no crop).</summary>
    public RandomCropOptions? RandomCrop { get; set; }

    /// <summary>Probability that an image is mirrored left to right. Defaults to 0 (never).</summary>
    [Range(0.0, 1.0)]
    public double HorizontalFlip { get; set; }

    /// <summary>Probability that an image is flipped upside down. Defaults to 0 (never).</summary>
    [Range(0.0, 1.0)]
    public double VerticalFlip { get; set; }

    /// <summary>Largest rotation in degrees: each image turns by an angle drawn uniformly from [-rotation, rotation]. Defaults to 0 (none).</summary>
    [Range(0.0, 180.0)]
    public double Rotation { get; set; }

    /// <summary>Largest shift as a fraction of the width (horizontally) and height (vertically), drawn uniformly per image. Defaults to 0 (none).</summary>
    [Range(0.0, 0.5)]
    public double Translate { get; set; }

    /// <summary>The range [min, max] a zoom factor is drawn from per image (above 1 enlarges). Defaults to null (no scaling).</summary>
    public double[]? Scale { get; set; }

    /// <summary>Standard deviation of the gaussian noise added to every pixel, in the units of the normalized features. Defaults to 0 (none).</summary>
    [Range(0.0, double.MaxValue)]
    public double Noise { get; set; }

    /// <summary>
    /// The value of the pixels that cropping, rotation, translation and scaling bring in from outside
    /// the image. Defaults to null: a black pixel (byte 0) as the dataset's normalization maps it.
    /// </summary>
    public double? Fill { get; set; }

    /// <summary>Whether any resampling (rotation, translation, scale) is asked for.</summary>
    internal bool HasAffine => Rotation > 0 || Translate > 0 || Scale is not null;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Scale is not null)
        {
            if (Scale.Length != 2)
            {
                yield return new ValidationResult($"must be [min, max], two zoom factors, got {Scale.Length} values.", [nameof(Scale)]);
            }
            else if (!(Scale[0] > 0 && Scale[0] <= Scale[1] && Scale[1] <= 10))
            {
                yield return new ValidationResult(string.Create(CultureInfo.InvariantCulture, $"must be [min, max] with 0 < min <= max <= 10, got [{Scale[0]}, {Scale[1]}]."), [nameof(Scale)]);
            }
        }

        if (RandomCrop is null && HorizontalFlip == 0 && VerticalFlip == 0 && !HasAffine && Noise == 0)
        {
            yield return new ValidationResult(
                "turns nothing on: set at least one of randomCrop, horizontalFlip, verticalFlip, rotation, translate, scale, noise (or remove augmentation).");
        }
    }
}
