using Crucible.Abstractions;

namespace Crucible.Plugins.Tasks;

/// <summary>
/// The standard step, <c>loss(model(x), y)</c>, one model, its optimizer and one loss; what an
/// experiment without a <c>task</c> section runs.
/// </summary>
[Plugin("supervised", Description = "The standard step loss(model(x), y) with one model, optimizer and loss (the default).")]
public sealed class SupervisedTaskPlugin : ITrainingTask<NoOptions>
{
    /// <inheritdoc />
    public TaskRoles Roles(NoOptions options) => TaskRoles.Single;

    /// <inheritdoc />
    public TrainingTask Create(NoOptions options, TaskContext context) => new SupervisedTask();
}
