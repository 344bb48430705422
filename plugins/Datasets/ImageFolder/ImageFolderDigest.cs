using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Crucible.Abstractions;

namespace Crucible.Plugins.Datasets.ImageFolder;

/// <summary>
/// The lineage digest of an image folder, computed in one streaming pass that holds one buffer of
/// file bytes at a time: SHA-256 over the preprocessing (channels, sizes, crop, mean, std), then per
/// split its name and, per image, its path relative to the folder, its class and its bytes. The same
/// files with the same preprocessing give the same digest wherever the folder lies.
/// </summary>
internal static class ImageFolderDigest
{
    public static string Of(ImageFolderDatasetOptions options, ImageFolderSplits splits, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var t = splits.Train.Transform;
        Append(hash, JsonSerializer.Serialize(new object?[] { t.Channels, t.Height, t.Width, options.Resize, options.Crop, options.CropMode.ToString(), t.Scaling.Offset, t.Scaling.Scale }));
        var buffer = new byte[1 << 16];
        foreach (var split in new[] { splits.Train, splits.Validation, splits.Test })
        {
            if (split is null)
            {
                continue;
            }

            Append(hash, split.Name);
            foreach (var sample in split.Samples)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Append(hash, Path.GetRelativePath(options.Directory!, sample.Path).Replace('\\', '/'));
                Append(hash, sample.Label.ToString(CultureInfo.InvariantCulture));
                DataFiles.EnsureRegularFile(sample.Path);
                try
                {
                    using var file = new FileStream(sample.Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
                    int read;
                    while ((read = file.Read(buffer)) > 0)
                    {
                        hash.AppendData(buffer, 0, read);
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new DatasetException($"'{sample.Path}' ({split.Name} split) could not be read for the dataset's digest: {e.Message}", e);
                }
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>A length-prefixed UTF-8 string, so that neighbouring strings cannot run into each other.</summary>
    private static void Append(IncrementalHash hash, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        hash.AppendData(BitConverter.GetBytes(bytes.Length));
        hash.AppendData(bytes);
    }
}
