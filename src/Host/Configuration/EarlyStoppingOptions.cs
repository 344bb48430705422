using System.ComponentModel.DataAnnotations;

namespace Crucible.Host.Configuration;

/// <summary>The <c>training.earlyStopping</c> section: stop when a metric stops improving.</summary>
internal sealed class EarlyStoppingOptions
{
    /// <summary>The epoch metric to watch, as recorded (<c>val_loss</c>, <c>val_accuracy</c>). Defaults to "val_loss".</summary>
    [Required]
    [MinLength(1)]
    public string Monitor { get; set; } = "val_loss";

    /// <summary>Whether the metric improves downwards or upwards. Defaults to auto (from the metric's name).</summary>
    public MonitorMode Mode { get; set; } = MonitorMode.Auto;

    /// <summary>Epochs without improvement before training stops. Defaults to 5.</summary>
    [Range(1, int.MaxValue)]
    public int Patience { get; set; } = 5;

    /// <summary>The smallest change that counts as an improvement. Defaults to 0.</summary>
    [Range(0.0, double.MaxValue)]
    public double MinDelta { get; set; }

    /// <summary>Whether to put back the best epoch's weights when training stops. Defaults to true.</summary>
    public bool RestoreBestWeights { get; set; } = true;
}
