namespace Crucible.Host.Training;

/// <summary>Where training is within an epoch, for the progress display.</summary>
/// <param name="Epoch">The epoch, 1-based.</param>
/// <param name="Epochs">Epochs requested.</param>
/// <param name="Batch">Batches done in this epoch.</param>
/// <param name="Batches">Batches per epoch.</param>
/// <param name="Loss">The last batch's loss, if known.</param>
internal sealed record EpochProgress(int Epoch, int Epochs, int Batch, int Batches, double? Loss);
