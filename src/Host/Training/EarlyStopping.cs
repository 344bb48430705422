using System.Globalization;
using System.Text.Json;
using Crucible.Abstractions;

namespace Crucible.Host.Training;

/// <summary>
/// Stops training when the monitored epoch metric has not improved by more than
/// <c>minDelta</c> for <c>patience</c> epochs (Keras' <c>EarlyStopping</c>). Restoring the best
/// weights is done by the runner from the best checkpoint, so it also works after a resume. Its
/// monitor's state is its checkpointed state, so a resumed run counts patience on from where it was.
/// </summary>
internal sealed class EarlyStopping : ITrainingCallback
{
    public EarlyStopping(MetricMonitor monitor, int patience)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        Monitor = monitor;
        Patience = patience;
    }

    public MetricMonitor Monitor { get; }

    public int Patience { get; }

    public void OnEpochEnd(ITrainerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Metrics.TryGetValue(Monitor.Metric, out var value))
        {
            throw new TrainingException(
                $"Early stopping monitors '{Monitor.Metric}', which this run does not record. " +
                $"Recorded: {string.Join(", ", context.Metrics.Keys.Order(StringComparer.Ordinal))}. " +
                "Set training.earlyStopping.monitor to one of them (val_* needs a validation split).");
        }

        Monitor.Update(context.Epoch, value);
        if (Monitor.EpochsWithoutImprovement >= Patience && Monitor.EpochsWithoutImprovement > 0)
        {
            context.RequestStop(string.Create(
                CultureInfo.InvariantCulture,
                $"early stopping: {Monitor.Metric} did not improve for {Monitor.EpochsWithoutImprovement} epochs (best {Monitor.Best:G6} at epoch {Monitor.BestEpoch})"));
        }
    }

    public JsonElement? SaveState() => JsonSerializer.SerializeToElement(Monitor.Save(), MonitorState.Json);

    public void LoadState(JsonElement state) =>
        Monitor.Restore(state.Deserialize<MonitorState>(MonitorState.Json) ?? throw new TrainingException("The checkpoint's early-stopping state is empty."));
}
