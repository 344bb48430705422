using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Crucible.Torch;

namespace Crucible.Host.Data;

/// <summary>
/// A buffer one batch is read into in host memory: the features and targets of up to a batch of
/// samples, row-major. The loader keeps a fixed pool of them (<see cref="LoaderOptions.Prefetch"/>),
/// which is what bounds its memory, and reuses them batch after batch. For training on CUDA the
/// features live in page-locked (pinned) memory, read into in place and copied to the GPU without
/// waiting; the buffer is written again only once that copy has finished.
/// </summary>
internal sealed class HostBatch : IDisposable
{
    private readonly float[]? features;
    private readonly Tensor? pinned;
    private readonly torch.Cuda.Event? copied;
    private readonly unsafe float* pinnedData;
    private readonly int featureSize;
    private volatile bool copying;

    public unsafe HostBatch(int batchSize, SampleLayout layout, bool pinMemory)
    {
        featureSize = layout.FeatureSize;
        Targets = new float[(long)batchSize * layout.TargetWidth];
        if (!pinMemory)
        {
            features = new float[(long)batchSize * layout.FeatureSize];
            return;
        }

        using var scope = torch.NewDisposeScope();
        using var staging = torch.Empty([batchSize, .. layout.FeatureShape]);
        pinned = staging.PinMemory().DetachFromDisposeScope();
        pinnedData = (float*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(pinned.AsFloatSpan()));
        copied = new torch.Cuda.Event();
    }

    public float[] Targets { get; }

    /// <summary>Whether the features are in page-locked memory (training on CUDA).</summary>
    public bool Pinned => pinned is not null;

    /// <summary>The features of sample <paramref name="i"/> of the batch, to be written.</summary>
    public unsafe Span<float> Features(int i) =>
        features is not null ? features.AsSpan(i * featureSize, featureSize) : new Span<float>(pinnedData + ((long)i * featureSize), featureSize);

    /// <summary>The features of the first <paramref name="count"/> samples, to be collated.</summary>
    public ReadOnlySpan<float> Features(int first, int count) => features.AsSpan(first * featureSize, count * featureSize);

    /// <summary>
    /// The first <paramref name="count"/> samples' features on <paramref name="device"/>: a copy queued
    /// from the pinned buffer that does not wait for the GPU (the buffer is not written again before
    /// <see cref="WaitForCopy"/> says it has run).
    /// </summary>
    public Tensor CopyToDevice(int count, Device device)
    {
        var features = pinned!.Narrow(0, 0, count).To(device, copy: false, nonBlocking: true);
        copied!.Record(device);
        copying = true;
        return features;
    }

    /// <summary>Blocks until the last copy from this buffer to the device has run (at once when it is not pinned).</summary>
    public void WaitForCopy()
    {
        if (!copying)
        {
            return;
        }

        lock (copied!)
        {
            if (copying)
            {
                copied.Synchronize();
                copying = false;
            }
        }
    }

    public void Dispose()
    {
        WaitForCopy();
        pinned?.Dispose();
        copied?.Dispose();
    }
}
