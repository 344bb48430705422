using System.Text.Json;

namespace Crucible.Abstractions;

/// <summary>
/// Hooks into the training loop. Every method has a no-op default, so a callback overrides only
/// what it needs. The trainer invokes each hook from one dispatcher, in the order the callbacks are
/// listed in the experiment file; an exception from a hook fails the run.
/// </summary>
public interface ITrainingCallback
{
    /// <summary>Before the first epoch (after a resume, before the first remaining epoch).</summary>
    void OnFitStart(ITrainerContext context)
    {
    }

    /// <summary>At the start of each epoch.</summary>
    void OnEpochStart(ITrainerContext context)
    {
    }

    /// <summary>Before each training batch's forward pass.</summary>
    void OnBatchStart(ITrainerContext context)
    {
    }

    /// <summary>After each training batch's optimizer step; <see cref="ITrainerContext.BatchLoss"/> holds its loss.</summary>
    void OnBatchEnd(ITrainerContext context)
    {
    }

    /// <summary>After each validation pass; the <c>val_*</c> metrics are in <see cref="ITrainerContext.Metrics"/>.</summary>
    void OnValidationEnd(ITrainerContext context)
    {
    }

    /// <summary>At the end of each epoch, after validation and the scheduler step.</summary>
    void OnEpochEnd(ITrainerContext context)
    {
    }

    /// <summary>After the test pass; the <c>test_*</c> metrics are in <see cref="ITrainerContext.Metrics"/>.</summary>
    void OnTestEnd(ITrainerContext context)
    {
    }

    /// <summary>After training ends, normally or by a stop request.</summary>
    void OnFitEnd(ITrainerContext context)
    {
    }

    /// <summary>
    /// The callback's state to keep in a checkpoint (Lightning's <c>state_dict</c>), or null when it
    /// keeps none. Called whenever a checkpoint is written; a resumed run hands it back to
    /// <see cref="LoadState"/>, so a callback that counts or remembers something continues where it was.
    /// </summary>
    JsonElement? SaveState() => null;

    /// <summary>
    /// Restores what <see cref="SaveState"/> returned (Lightning's <c>load_state_dict</c>), before
    /// <see cref="OnFitStart"/> of a resumed run. Not called for a callback whose checkpoint holds no state.
    /// </summary>
    void LoadState(JsonElement state)
    {
    }
}
