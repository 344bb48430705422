using Crucible.Abstractions;
using Crucible.Torch.Nn;
using Crucible.Torch.Optim;

namespace Crucible.Host.Training;

/// <summary>What the trainer trains with: the model, its loss and optimizer, the scheduler, metrics and callbacks.</summary>
internal sealed record TrainingComponents
{
    public required Module Model { get; init; }

    public required Loss Loss { get; init; }

    public required Optimizer Optimizer { get; init; }

    /// <summary>The learning-rate scheduler. Defaults to none.</summary>
    public LrSchedule? Schedule { get; init; }

    /// <summary>Metric accumulators by split prefix (<c>train</c>, <c>val</c>, <c>test</c>). Defaults to none.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<NamedMetric>> Metrics { get; init; } = new Dictionary<string, IReadOnlyList<NamedMetric>>();

    /// <summary>The callbacks by name, in the order they are invoked. Defaults to none.</summary>
    public IReadOnlyList<(string Name, ITrainingCallback Callback)> Callbacks { get; init; } = [];

    public required DatasetMetadata Dataset { get; init; }
}
