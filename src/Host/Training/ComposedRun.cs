using Crucible.Abstractions;
using Crucible.Host.Data;
using Crucible.Torch.Nn;

namespace Crucible.Host.Training;

/// <summary>
/// Every component of a run, built from the resolved experiment by <see cref="RunComposer"/> before
/// anything is trained: the data and its splits, the model, loss, optimizer, scheduler, metrics and
/// callbacks. It does not know the MLflow run; disposing it frees everything it built.
/// </summary>
internal sealed class ComposedRun : IDisposable
{
    public ComposedRun(LoadedDataset data, SplitReader train, SplitReader? validation, SplitReader? test, TrainingComponents components, EarlyStopping? earlyStopping, Checkpointer? checkpointer)
    {
        Data = data;
        Train = train;
        Validation = validation;
        Test = test;
        Components = components;
        EarlyStopping = earlyStopping;
        Checkpointer = checkpointer;
    }

    public LoadedDataset Data { get; }

    public DatasetMetadata Metadata => Data.Metadata;

    /// <summary>The training split (without the validation holdout), in memory or read lazily.</summary>
    public SplitReader Train { get; }

    /// <summary>The dataset's validation split or the holdout taken from training; null without one.</summary>
    public SplitReader? Validation { get; }

    /// <summary>The dataset's test split; null without one.</summary>
    public SplitReader? Test { get; }

    public TrainingComponents Components { get; }

    public Module Model => Components.Model;

    /// <summary>The built-in early-stopping callback (also in <see cref="TrainingComponents.Callbacks"/>), or null.</summary>
    public EarlyStopping? EarlyStopping { get; }

    /// <summary>The built-in checkpoint callback (the last of <see cref="TrainingComponents.Callbacks"/>), or null when checkpointing is off.</summary>
    public Checkpointer? Checkpointer { get; }

    public void Dispose()
    {
        foreach (var list in Components.Metrics.Values)
        {
            foreach (var m in list)
            {
                m.Accumulator.Dispose();
            }
        }

        foreach (var (_, callback) in Components.Callbacks)
        {
            if (callback != Components.Task)
            {
                (callback as IDisposable)?.Dispose();
            }
        }

        foreach (var optimizer in Components.Optimizers.Values)
        {
            optimizer.Dispose();
        }

        foreach (var model in Components.Models.Values)
        {
            model.Dispose();
        }

        (Components.Task as IDisposable)?.Dispose();
        Train.Dispose();
        Validation?.Dispose();
        Test?.Dispose();

        Data.Dispose();
    }
}
