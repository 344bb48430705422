using System.ComponentModel.DataAnnotations;
using Crucible.Abstractions;
using Crucible.Plugins.Datasets.Augmentation;

namespace Crucible.Plugins.Datasets.Idx;

/// <summary>Options of the <c>idx</c> dataset (MNIST, Fashion-MNIST).</summary>
public sealed class IdxDatasetOptions : IValidatableObject
{
    /// <summary>
    /// The folder holding the four IDX files ("mnist" resolves under CRUCIBLE_DATA); it must exist.
    /// Defaults to null: the files are downloaded from <see cref="DownloadUrl"/> into the cache.
    /// </summary>
    [DataPath(IsDirectory = true)]
    public string? Directory { get; set; }

    /// <summary>Training images file name. Defaults to "train-images-idx3-ubyte.gz".</summary>
    [Required]
    public string TrainImages { get; set; } = "train-images-idx3-ubyte.gz";

    /// <summary>Training labels file name. Defaults to "train-labels-idx1-ubyte.gz".</summary>
    [Required]
    public string TrainLabels { get; set; } = "train-labels-idx1-ubyte.gz";

    /// <summary>Test images file name. Defaults to "t10k-images-idx3-ubyte.gz".</summary>
    [Required]
    public string TestImages { get; set; } = "t10k-images-idx3-ubyte.gz";

    /// <summary>Test labels file name. Defaults to "t10k-labels-idx1-ubyte.gz".</summary>
    [Required]
    public string TestLabels { get; set; } = "t10k-labels-idx1-ubyte.gz";

    /// <summary>
    /// Base URL the four files are downloaded from when they are not in <see cref="Directory"/>
    /// (the file names are appended). Defaults to null: no download.
    /// </summary>
    [Url]
    public string? DownloadUrl { get; set; }

    /// <summary>Expected SHA-256 (hex) of each downloaded file, by file name; a mismatch fails the download. Defaults to none (not verified).</summary>
    public Dictionary<string, string> Sha256 { get; set; } = [];

    /// <summary>How pixel bytes become values: none (0-255), unit ([0, 1]) or standardize. Defaults to unit.</summary>
    public PixelNormalization Normalization { get; set; } = PixelNormalization.Unit;

    /// <summary>
    /// Read the images lazily instead of loading them: each file is memory-mapped (a gzip file is
    /// decompressed once into the dataset cache) and the trainer's loader reads the samples of each
    /// batch (<c>training.workers</c>, <c>training.prefetch</c>). Same values, records and digest as
    /// in memory. Defaults to false.
    /// </summary>
    public bool Streaming { get; set; }

    /// <summary>Use only the first N training images (quick experiments and tests). Defaults to null (all).</summary>
    [Range(1, int.MaxValue)]
    public int? TrainLimit { get; set; }

    /// <summary>Use only the first N test images. Defaults to null (all).</summary>
    [Range(1, int.MaxValue)]
    public int? TestLimit { get; set; }

    /// <summary>Class names by index (Fashion-MNIST: "T-shirt/top", "Trouser", ...). Defaults to null: the digits 0-9.</summary>
    public string[]? ClassNames { get; set; }

    /// <summary>
    /// The dataset's name in the tracking record, and the name of its folder in the download cache.
    /// Defaults to the folder's name ("idx" when downloading without a folder).
    /// </summary>
    public string? DatasetName { get; set; }

    /// <summary>
    /// Random augmentation of the training batches (crop, flips, rotation/translation/scale, noise),
    /// never of validation or test data. Defaults to null (none).
    /// </summary>
    public AugmentationOptions? Augmentation { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Directory is null && DownloadUrl is null)
        {
            yield return new ValidationResult("give the folder of the IDX files (directory) or a downloadUrl.", [nameof(Directory), nameof(DownloadUrl)]);
        }

        // The file names are joined to the folder or the download cache, and a download is written
        // under them: a path here could read or replace any file.
        foreach (var (property, value) in new[] { (nameof(TrainImages), TrainImages), (nameof(TrainLabels), TrainLabels), (nameof(TestImages), TestImages), (nameof(TestLabels), TestLabels) })
        {
            if (!IsPlainName(value))
            {
                yield return new ValidationResult(
                    $"must be a file name inside the IDX folder (or the download cache), without '/' or '..', got \"{Shorten(value)}\".", [property]);
            }
        }

        if (DatasetName is not null && DownloadUrl is not null && !IsPlainName(DatasetName))
        {
            yield return new ValidationResult(
                $"names the dataset's folder in the download cache: it must be a plain name, without '/' or '..', got \"{Shorten(DatasetName)}\".", [nameof(DatasetName)]);
        }
    }

    private static bool IsPlainName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name is not "." and not ".." && name.IndexOfAny(['/', '\\', '\0']) < 0;

    private static string Shorten(string? value) => value is { Length: > 80 } ? value[..80] + "..." : value ?? string.Empty;
}
