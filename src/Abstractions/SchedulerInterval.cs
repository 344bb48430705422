namespace Crucible.Abstractions;

/// <summary>When the trainer steps a learning-rate scheduler.</summary>
public enum SchedulerInterval
{
    /// <summary>Once after each epoch (after validation): StepLR, ExponentialLR, ReduceLROnPlateau.</summary>
    Epoch,

    /// <summary>Once after each optimizer step: OneCycleLR, warm-up schedules.</summary>
    Batch,
}
