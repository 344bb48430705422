using Crucible.Host.Configuration;

namespace Crucible.Host.Training;

/// <summary>
/// Follows one epoch metric (<c>val_loss</c>) and says whether each new value improves on the best by
/// more than a minimum delta. Early stopping and the best checkpoint share this rule, so "best" means
/// the same thing for both; its state is part of a checkpoint so a resumed run decides alike.
/// </summary>
internal sealed class MetricMonitor
{
    public MetricMonitor(string metric, MonitorMode mode, double minDelta = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        ArgumentOutOfRangeException.ThrowIfNegative(minDelta);
        Metric = metric;
        Mode = Resolve(metric, mode);
        MinDelta = minDelta;
    }

    public string Metric { get; }

    /// <summary>Min or Max, never Auto.</summary>

    public MonitorMode Mode { get; }

    public double MinDelta { get; }

    /// <summary>The best value seen, or null before the first one.</summary>
    public double? Best { get; private set; }

    /// <summary>The epoch (1-based) of the best value, or 0 before the first one.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>Epochs since the last improvement.</summary>
    public int EpochsWithoutImprovement { get; private set; }

    /// <summary>Records the value of <paramref name="epoch"/>; true when it is a new best.</summary>
    public bool Update(int epoch, double value)
    {
        // NaN never improves: comparisons with it are false, so it counts as a stalled epoch.
        var improved = Best is not { } best
            ? !double.IsNaN(value)
            : Mode == MonitorMode.Min ? value < best - MinDelta : value > best + MinDelta;
        if (improved)
        {
            Best = value;
            BestEpoch = epoch;
            EpochsWithoutImprovement = 0;
        }
        else
        {
            EpochsWithoutImprovement++;
        }

        return improved;
    }

    /// <summary>
    /// Auto means max for metrics named like an accuracy, F1, AUC, precision, recall or R-squared, and
    /// min for everything else (losses, errors).
    /// </summary>
    public static MonitorMode Resolve(string metric, MonitorMode mode)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (mode != MonitorMode.Auto)
        {
            return mode;
        }

        string[] higherIsBetter = ["acc", "accuracy", "f1", "auc", "precision", "recall", "r2", "r_squared", "rsquared"];
        var name = metric.ToLowerInvariant();
        return higherIsBetter.Any(h => name.Contains(h, StringComparison.Ordinal)) ? MonitorMode.Max : MonitorMode.Min;
    }

    public MonitorState Save() => new(Best, BestEpoch, EpochsWithoutImprovement);

    public void Restore(MonitorState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Best = state.Best;
        BestEpoch = state.BestEpoch;
        EpochsWithoutImprovement = state.EpochsWithoutImprovement;
    }
}
