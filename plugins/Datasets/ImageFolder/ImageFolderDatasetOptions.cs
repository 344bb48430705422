using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Crucible.Abstractions;

namespace Crucible.Plugins.Datasets.ImageFolder;

/// <summary>
/// Options of the <c>image-folder</c> dataset: one sub-folder per class holding PNG or JPEG files,
/// either under <c>train/</c>, <c>val/</c> and <c>test/</c> or directly in <see cref="Directory"/>
/// (then split by fractions). Each image is decoded, resized, cropped and normalized when it is read.
/// Example: <c>{ "name": "image-folder", "directory": "flowers", "channels": 3, "resize": [72], "crop": [64],
/// "cropMode": "random", "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225] }</c>.
/// </summary>
public sealed class ImageFolderDatasetOptions : IValidatableObject
{
    /// <summary>
    /// The folder of the dataset (a relative path resolves under CRUCIBLE_DATA when it exists there,
    /// otherwise next to the experiment file).
    /// It holds either <c>train/</c> (and optionally <c>val/</c> and <c>test/</c>), each with one folder
    /// per class, or the class folders themselves. Required.
    /// </summary>
    [Required]
    [DataPath(IsDirectory = true)]
    public string? Directory { get; set; }

    /// <summary>Colour channels of the features: 1 (gray, ITU-R 601 luma as PIL's "L") or 3 (RGB). Alpha is dropped. Defaults to 3.</summary>
    [Range(1, 3)]
    public int Channels { get; set; } = 3;

    /// <summary>
    /// Resize before cropping: [size] scales the shorter side to size and keeps the aspect ratio
    /// (torchvision's <c>Resize(size)</c>), [height, width] scales to exactly that. Defaults to null (no resizing).
    /// </summary>
    public int[]? Resize { get; set; }

    /// <summary>
    /// The size of the crop taken after resizing, [size] (square) or [height, width]. Defaults to null:
    /// no crop, and every image must then have the same size after resizing.
    /// </summary>
    public int[]? Crop { get; set; }

    /// <summary>Where the crop is taken: center, or random for training images (validation and test stay centered). Defaults to center.</summary>
    public CropMode CropMode { get; set; } = CropMode.Center;

    /// <summary>
    /// Per-channel mean subtracted from pixels in [0, 1] (torchvision's <c>Normalize</c>); one value, or
    /// one per channel. Defaults to null: pixels stay in [0, 1].
    /// </summary>
    public double[]? Mean { get; set; }

    /// <summary>Per-channel standard deviation the pixels are divided by after the mean; one value, or one per channel. Defaults to null (1).</summary>
    public double[]? Std { get; set; }

    /// <summary>
    /// Fraction of the training images held out for testing when the folder has no <c>test/</c>, chosen
    /// by a seeded shuffle. Defaults to 0 (no test split).
    /// </summary>
    [Range(0.0, 0.99)]
    public double TestFraction { get; set; }

    /// <summary>
    /// Fraction of the training images held out for validation when the folder has no <c>val/</c>, chosen
    /// by a seeded shuffle. Defaults to 0 (the trainer's <c>validationSplit</c> applies).
    /// </summary>
    [Range(0.0, 0.99)]
    public double ValidationFraction { get; set; }

    /// <summary>The dataset's name in the tracking record. Defaults to the folder's name.</summary>
    public string? DatasetName { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Channels == 2)
        {
            yield return new ValidationResult("must be 1 (gray) or 3 (RGB), got 2.", [nameof(Channels)]);
        }

        foreach (var (property, size) in new[] { (nameof(Resize), Resize), (nameof(Crop), Crop) })
        {
            if (size is not null && (size.Length is < 1 or > 2 || size.Any(s => s is < 1 or > 8192)))
            {
                yield return new ValidationResult(
                    $"must be [size] or [height, width] with sizes from 1 to 8192, got [{string.Join(", ", size)}].", [property]);
            }
        }

        if (CropMode == CropMode.Random && Crop is null)
        {
            yield return new ValidationResult("random needs a crop size: set crop (e.g. [24]) or use cropMode center.", [nameof(CropMode)]);
        }

        foreach (var (property, values) in new[] { (nameof(Mean), Mean), (nameof(Std), Std) })
        {
            if (values is not null && values.Length != 1 && values.Length != Channels)
            {
                yield return new ValidationResult(
                    string.Create(CultureInfo.InvariantCulture, $"needs one value or one per channel ({Channels}), got {values.Length}."), [property]);
            }
        }

        if (Std is not null && Std.Any(s => !(s > 0) || double.IsInfinity(s)))
        {
            yield return new ValidationResult(
                string.Create(CultureInfo.InvariantCulture, $"must be positive and finite, got [{string.Join(", ", Std)}]."), [nameof(Std)]);
        }

        if (Mean is not null && Mean.Any(m => !double.IsFinite(m)))
        {
            yield return new ValidationResult("must be finite numbers.", [nameof(Mean)]);
        }

        if (TestFraction + ValidationFraction >= 1)
        {
            yield return new ValidationResult("testFraction and validationFraction must sum to less than 1.", [nameof(TestFraction), nameof(ValidationFraction)]);
        }
    }
}
