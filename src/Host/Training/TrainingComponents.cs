using Crucible.Abstractions;
using Crucible.Torch.Nn;
using Crucible.Torch.Optim;

namespace Crucible.Host.Training;

/// <summary>
/// What the trainer trains with: the task, its models, optimizers and losses by role, the scheduler,
/// metrics and callbacks. <see cref="Model"/>, <see cref="Loss"/> and <see cref="Optimizer"/> set the
/// single roles of <see cref="TaskRoles.Single"/> (the supervised task's).
/// </summary>
internal sealed record TrainingComponents
{
    /// <summary>The step the trainer runs on every batch. Defaults to the supervised step.</summary>
    public TrainingTask Task { get; init; } = new SupervisedTask();

    /// <summary>The models by role; <see cref="PrimaryRole"/>'s is the run's model.</summary>
    public IReadOnlyDictionary<string, Module> Models { get; init; } = new Dictionary<string, Module>(StringComparer.Ordinal);

    /// <summary>The optimizers by role (the role of the model each updates).</summary>
    public IReadOnlyDictionary<string, Optimizer> Optimizers { get; init; } = new Dictionary<string, Optimizer>(StringComparer.Ordinal);

    /// <summary>The losses by role. Defaults to none.</summary>
    public IReadOnlyDictionary<string, Loss> Losses { get; init; } = new Dictionary<string, Loss>(StringComparer.Ordinal);

    /// <summary>The role of the run's model (the task's first model role). Defaults to <c>model</c>.</summary>
    public string PrimaryRole { get; init; } = TaskRoles.Model;

    /// <summary>The primary model; setting it fills the single role <c>model</c>.</summary>
    public Module Model
    {
        get => Models[PrimaryRole];
        init => Models = new Dictionary<string, Module>(StringComparer.Ordinal) { [TaskRoles.Model] = value };
    }

    /// <summary>The primary model's optimizer; setting it fills the single role <c>model</c>.</summary>
    public Optimizer Optimizer
    {
        get => Optimizers[PrimaryRole];
        init => Optimizers = new Dictionary<string, Optimizer>(StringComparer.Ordinal) { [TaskRoles.Model] = value };
    }

    /// <summary>Sets the single loss role <c>loss</c>.</summary>
    public Loss Loss
    {
        init => Losses = new Dictionary<string, Loss>(StringComparer.Ordinal) { [TaskRoles.Loss] = value };
    }

    /// <summary>The learning-rate schedulers by the role of the optimizer each steps. Defaults to none.</summary>
    public IReadOnlyDictionary<string, LrSchedule> Schedules { get; init; } = new Dictionary<string, LrSchedule>(StringComparer.Ordinal);

    /// <summary>The primary optimizer's scheduler, or null.</summary>
    public LrSchedule? Schedule => Schedules.GetValueOrDefault(PrimaryRole);

    /// <summary>Metric accumulators by split prefix (<c>train</c>, <c>val</c>, <c>test</c>). Defaults to none.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<NamedMetric>> Metrics { get; init; } = new Dictionary<string, IReadOnlyList<NamedMetric>>();

    /// <summary>The callbacks by name, in the order they are invoked. Defaults to none.</summary>
    public IReadOnlyList<(string Name, ITrainingCallback Callback)> Callbacks { get; init; } = [];

    public required DatasetMetadata Dataset { get; init; }
}
