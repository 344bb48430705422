using Crucible.Abstractions;

namespace Crucible.Host.Training;

/// <summary>
/// Invokes every callback's hook, in the order the experiment lists them, from one place. Nothing is
/// swallowed: an exception from a hook fails the run, wrapped so the message names the callback and
/// the hook.
/// </summary>
internal sealed class CallbackDispatcher
{
    private readonly List<(string Name, ITrainingCallback Callback)> callbacks;

    public CallbackDispatcher(IEnumerable<(string Name, ITrainingCallback Callback)> callbacks)
    {
        ArgumentNullException.ThrowIfNull(callbacks);
        this.callbacks = callbacks.ToList();
    }

    public int Count => callbacks.Count;

    public void FitStart(ITrainerContext context) => Invoke(nameof(ITrainingCallback.OnFitStart), context, static (c, x) => c.OnFitStart(x));

    public void EpochStart(ITrainerContext context) => Invoke(nameof(ITrainingCallback.OnEpochStart), context, static (c, x) => c.OnEpochStart(x));

    public void BatchStart(ITrainerContext context) => Invoke(nameof(ITrainingCallback.OnBatchStart), context, static (c, x) => c.OnBatchStart(x));

    public void BatchEnd(ITrainerContext context) => Invoke(nameof(ITrainingCallback.OnBatchEnd), context, static (c, x) => c.OnBatchEnd(x));

    public void ValidationEnd(ITrainerContext context) => Invoke(nameof(ITrainingCallback.OnValidationEnd), context, static (c, x) => c.OnValidationEnd(x));

    public void EpochEnd(ITrainerContext context) => Invoke(nameof(ITrainingCallback.OnEpochEnd), context, static (c, x) => c.OnEpochEnd(x));

    public void TestEnd(ITrainerContext context) => Invoke(nameof(ITrainingCallback.OnTestEnd), context, static (c, x) => c.OnTestEnd(x));

    public void FitEnd(ITrainerContext context) => Invoke(nameof(ITrainingCallback.OnFitEnd), context, static (c, x) => c.OnFitEnd(x));

    private void Invoke(string hook, ITrainerContext context, Action<ITrainingCallback, ITrainerContext> call)
    {
        // A plain loop: this runs twice per batch, so no LINQ or closures on the hot path.
        for (var i = 0; i < callbacks.Count; i++)
        {
            var (name, callback) = callbacks[i];
            try
            {
                call(callback, context);
            }
            catch (Exception e) when (e is not TrainingException and not OperationCanceledException)
            {
                throw new TrainingException($"Callback '{name}' failed in {hook} (epoch {context.Epoch}, batch {context.Batch}): {e.Message}", e);
            }
        }
    }
}
