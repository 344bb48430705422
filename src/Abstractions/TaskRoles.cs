namespace Crucible.Abstractions;

/// <summary>
/// The roles a <see cref="ITrainingTask"/> needs filled: a model per model role (the experiment
/// file's <c>models</c>, or <c>model</c> for the single role <c>model</c>), an optimizer per optimizer
/// role (<c>optimizers</c>, or <c>optimizer</c>; an optimizer role names the model whose parameters it
/// updates) and a loss per loss role (<c>losses</c>, or <c>loss</c> for the single role <c>loss</c>).
/// </summary>
public sealed record TaskRoles
{
    /// <summary>The role name of a task with one model and one optimizer.</summary>
    public const string Model = "model";

    /// <summary>The role name of a task with one loss.</summary>
    public const string Loss = "loss";

    /// <summary>One model, its optimizer and one loss: <c>model</c>, <c>optimizer</c>, <c>loss</c>.</summary>
    public static TaskRoles Single { get; } = new() { Models = [Model], Optimizers = [Model], Losses = [Loss] };

    /// <summary>The model roles; the first is the task's primary model (the one recorded as the run's model). Defaults to none.</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>The optimizer roles, each the name of a model role. Defaults to none.</summary>
    public IReadOnlyList<string> Optimizers { get; init; } = [];

    /// <summary>The loss roles. Defaults to none (a task that computes its own loss).</summary>
    public IReadOnlyList<string> Losses { get; init; } = [];
}
