using System.Globalization;
using Crucible.Abstractions;

namespace Crucible.Plugins.Datasets.ImageFolder;

/// <summary>
/// One split of an image folder read lazily: sample i is file i decoded, resized, cropped and
/// normalized by the <see cref="ImageTransform"/> when the loader asks for it, and its class index.
/// Nothing is kept between reads. A failure names the file (the loader adds the sample index).
/// </summary>
/// <remarks>
/// A random crop must differ from epoch to epoch, be the same for the same seed whatever the number
/// of workers, and the contract tells a read nothing of epochs. Each sample therefore counts its own
/// reads (every sample is read once per epoch), and the crop of the n-th read of sample i comes from a
/// generator seeded with (seed, i, n): the order in which workers read does not matter.
/// </remarks>
internal sealed class ImageFolderSource : ISampleSource
{
    private readonly int[]? reads;
    private readonly long seed;

    public ImageFolderSource(string name, ImageSample[] samples, ImageTransform transform, bool randomCrop, long seed)
    {
        Name = name;
        Samples = samples;
        Transform = transform;
        reads = randomCrop ? new int[samples.Length] : null;
        this.seed = seed;
    }

    /// <summary>train, validation or test.</summary>
    public string Name { get; }

    public ImageSample[] Samples { get; }

    public ImageTransform Transform { get; }

    public long Count => Samples.Length;

    public void Read(long index, Span<float> features, Span<float> target)
    {
        if ((ulong)index >= (ulong)Samples.Length)
        {
            throw new DatasetException(string.Create(CultureInfo.InvariantCulture, $"Sample {index} is outside the {Name} split's {Samples.Length} images."));
        }

        var sample = Samples[index];
        Random? random = null;
        if (reads is not null)
        {
            var n = Interlocked.Increment(ref reads[index]);
#pragma warning disable CA5394 // Data augmentation, not security.
            random = new Random(Mix(seed, index, n));
#pragma warning restore CA5394
        }

        try
        {
            Transform.Read(sample.Path, features, random);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatasetException($"'{sample.Path}' could not be read: {e.Message}", e);
        }

        target[0] = sample.Label;
    }

    /// <summary>A 32-bit seed from (seed, index, read) through SplitMix64's finalizer.</summary>
    private static int Mix(long seed, long index, int read)
    {
        unchecked
        {
            var z = (ulong)seed + (0x9E3779B97F4A7C15UL * (ulong)(index + 1)) + (0xBF58476D1CE4E5B9UL * (ulong)read);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)z;
        }
    }
}
