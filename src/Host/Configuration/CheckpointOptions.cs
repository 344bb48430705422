using System.ComponentModel.DataAnnotations;

namespace Crucible.Host.Configuration;

/// <summary>
/// The <c>training.checkpoint</c> section: what is saved so a run can be resumed and its best weights kept.
/// A checkpoint holds the weights, the optimizer, scheduler and RNG state, and the epoch.
/// </summary>
internal sealed class CheckpointOptions
{
    /// <summary>Whether checkpoints are written at all. Defaults to true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Whether the last epoch's checkpoint is kept (what <c>--resume</c> continues from). Defaults to true.</summary>
    public bool SaveLast { get; set; } = true;

    /// <summary>Whether the best epoch's checkpoint (by <see cref="Monitor"/>) is kept. Defaults to true.</summary>
    public bool SaveBest { get; set; } = true;

    /// <summary>The epoch metric that decides the best checkpoint. Defaults to "val_loss" ("train_loss" when there is no validation data).</summary>
    [Required]
    [MinLength(1)]
    public string Monitor { get; set; } = "val_loss";

    /// <summary>Whether <see cref="Monitor"/> improves downwards or upwards. Defaults to auto (from the metric's name).</summary>
    public MonitorMode Mode { get; set; } = MonitorMode.Auto;

    /// <summary>
    /// Write the last checkpoint every this many epochs (and always after the final one). Defaults to
    /// null: by time, at most once per <see cref="EverySeconds"/>.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int? EveryEpochs { get; set; }

    /// <summary>
    /// Without <see cref="EveryEpochs"/>, the least time in seconds between two last checkpoints (the
    /// final epoch and a new best are still kept), so a run of thousands of short epochs writes a few.
    /// Defaults to 10.
    /// </summary>
    [Range(0.0, double.MaxValue)]
    public double EverySeconds { get; set; } = 10;
}
