using System.Globalization;
using System.Text.Json;
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

    /// <summary>
    /// Every callback's <see cref="ITrainingCallback.SaveState"/> by its key: its name, with
    /// <c>#2</c>, <c>#3</c>... for a name listed more than once.
    /// </summary>
    public Dictionary<string, JsonElement> SaveStates()
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (key, callback) in Keyed())
        {
            JsonElement? state;
            try
            {
                state = callback.SaveState();
            }
            catch (Exception e) when (e is not TrainingException and not OperationCanceledException)
            {
                throw new TrainingException($"Callback '{key}' failed in {nameof(ITrainingCallback.SaveState)}: {e.Message}", e);
            }

            if (state is { } value)
            {
                result[key] = value.Clone();
            }
        }

        return result;
    }

    /// <summary>Hands each callback the state a checkpoint kept for its key; a callback without one is left as built.</summary>
    public void LoadStates(IReadOnlyDictionary<string, JsonElement> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        foreach (var (key, callback) in Keyed())
        {
            if (!states.TryGetValue(key, out var state))
            {
                continue;
            }

            try
            {
                callback.LoadState(state);
            }
            catch (Exception e) when (e is not TrainingException and not OperationCanceledException)
            {
                throw new TrainingException($"Callback '{key}' could not restore its checkpointed state ({nameof(ITrainingCallback.LoadState)}): {e.Message}", e);
            }
        }
    }

    public void FitStart(ITrainerContext context) => Invoke(nameof(ITrainingCallback.OnFitStart), context, static (c, x) => c.OnFitStart(x));

    public void EpochStart(ITrainerContext context) => Invoke(nameof(ITrainingCallback.OnEpochStart), context, static (c, x) => c.OnEpochStart(x));

    public void BatchStart(ITrainerContext context) => Invoke(nameof(ITrainingCallback.OnBatchStart), context, static (c, x) => c.OnBatchStart(x));

    public void BatchEnd(ITrainerContext context) => Invoke(nameof(ITrainingCallback.OnBatchEnd), context, static (c, x) => c.OnBatchEnd(x));

    public void ValidationEnd(ITrainerContext context) => Invoke(nameof(ITrainingCallback.OnValidationEnd), context, static (c, x) => c.OnValidationEnd(x));

    public void EpochEnd(ITrainerContext context) => Invoke(nameof(ITrainingCallback.OnEpochEnd), context, static (c, x) => c.OnEpochEnd(x));

    public void TestEnd(ITrainerContext context) => Invoke(nameof(ITrainingCallback.OnTestEnd), context, static (c, x) => c.OnTestEnd(x));

    public void FitEnd(ITrainerContext context) => Invoke(nameof(ITrainingCallback.OnFitEnd), context, static (c, x) => c.OnFitEnd(x));

    private IEnumerable<(string Key, ITrainingCallback Callback)> Keyed()
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, callback) in callbacks)
        {
            var n = seen[name] = seen.GetValueOrDefault(name) + 1;
            yield return (n == 1 ? name : string.Create(CultureInfo.InvariantCulture, $"{name}#{n}"), callback);
        }
    }

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
