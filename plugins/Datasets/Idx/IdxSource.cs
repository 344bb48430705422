using System.Globalization;
using Crucible.Abstractions;

namespace Crucible.Plugins.Datasets.Idx;

/// <summary>
/// One split of an IDX dataset read lazily from memory-mapped images and labels: sample i is image i
/// as <c>(byte - offset) / scale</c>, exactly the values the in-memory split holds, and label i.
/// </summary>
internal sealed class IdxSource : ISampleSource, IDisposable
{
    private readonly MappedIdxFile images;
    private readonly MappedIdxFile labels;
    private readonly double offset;
    private readonly double scale;

    private readonly int classes;

    public IdxSource(MappedIdxFile images, MappedIdxFile labels, int count, int classes, double offset, double scale)
    {
        this.classes = classes;
        this.images = images;
        this.labels = labels;
        this.offset = offset;
        this.scale = scale;
        Count = count;
    }

    public long Count { get; }

    public void Read(long index, Span<float> features, Span<float> target)
    {
        if ((ulong)index >= (ulong)Count)
        {
            throw new DatasetException(string.Create(CultureInfo.InvariantCulture, $"'{images.Path}': sample {index} is outside the split's {Count} samples."));
        }

        var pixels = images.Item(index);
        for (var i = 0; i < pixels.Length; i++)
        {
            features[i] = (float)((pixels[i] - offset) / scale);
        }

        var label = labels.Item(index)[0];
        if (label >= classes)
        {
            throw new DatasetException(string.Create(CultureInfo.InvariantCulture, $"'{labels.Path}': sample {index} has the label {label}, but the dataset has {classes} classes (0 to {classes - 1})."));
        }

        target[0] = label;
    }

    public void Dispose()
    {
        images.Dispose();
        labels.Dispose();
    }
}
