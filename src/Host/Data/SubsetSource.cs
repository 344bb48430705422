using Crucible.Abstractions;

namespace Crucible.Host.Data;

/// <summary>Some samples of another source, in a given order (the validation holdout of a split read lazily).</summary>
internal sealed class SubsetSource(ISampleSource inner, long[] indices) : ISampleSource
{
    public long Count => indices.LongLength;

    public void Read(long index, Span<float> features, Span<float> target) => inner.Read(indices[index], features, target);
}
