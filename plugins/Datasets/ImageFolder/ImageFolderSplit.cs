using Crucible.Abstractions;

namespace Crucible.Plugins.Datasets.ImageFolder;

/// <summary>
/// One split of an image folder: its files and labels, read one image at a time through the
/// <see cref="ImageTransform"/>. A failure names the file and the sample's index in the split.
/// </summary>
internal sealed class ImageFolderSplit
{
    public ImageFolderSplit(string name, ImageSample[] samples, ImageTransform transform, bool randomCrop)
    {
        Name = name;
        Samples = samples;
        Transform = transform;
        RandomCrop = randomCrop;
    }

    /// <summary>train, validation or test.</summary>
    public string Name { get; }

    public ImageSample[] Samples { get; }

    public ImageTransform Transform { get; }

    /// <summary>Whether each read draws a new crop position (training images with cropMode random).</summary>
    public bool RandomCrop { get; }

    public int Count => Samples.Length;

    /// <summary>
    /// Decodes sample <paramref name="index"/> into <paramref name="features"/> and returns its class.
    /// <paramref name="random"/> draws the crop position when the split crops at random.
    /// </summary>
    public long Read(int index, Span<float> features, Random? random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var sample = Samples[index];
        try
        {
            Transform.Read(sample.Path, features, RandomCrop ? random : null);
        }
        catch (DatasetException e)
        {
            throw new DatasetException($"Sample {index} of the {Name} split: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatasetException($"Sample {index} of the {Name} split: '{sample.Path}' could not be read: {e.Message}", e);
        }

        return sample.Label;
    }
}
