namespace Crucible.Host.Data;

/// <summary>How the trainer's loader reads a split that a dataset returned as a <see cref="Crucible.Abstractions.ISampleSource"/>.</summary>
/// <param name="Workers">Background threads reading samples (<c>training.workers</c>); 0 reads each batch on the training thread when it is needed.</param>
/// <param name="Prefetch">Batches the loader holds at most, read ahead of the one the trainer works on (<c>training.prefetch</c>).</param>
/// <param name="PinMemory">Whether batches are staged in page-locked host memory and copied asynchronously (training on CUDA).</param>
internal sealed record LoaderOptions(int Workers = 0, int Prefetch = 2, bool PinMemory = false)
{
    public static LoaderOptions Default { get; } = new();
}
