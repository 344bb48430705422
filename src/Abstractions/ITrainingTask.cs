namespace Crucible.Abstractions;

/// <summary>
/// A training task plugin (Lightning's <c>LightningModule</c> steps, Keras' <c>train_step</c>): it
/// declares the roles it needs (models, optimizers and losses by role name) and builds the
/// <see cref="TrainingTask"/> that runs the training, validation, test and predict steps over one
/// batch. The experiment file's <c>task</c> section names it; without one the task is <c>supervised</c>.
/// Implement <see cref="ITrainingTask{TOptions}"/>.
/// </summary>
public interface ITrainingTask : IPlugin
{
    /// <summary>The roles the experiment file must fill for <paramref name="options"/> (checked before anything runs).</summary>
    TaskRoles Roles(object options);

    /// <summary>Builds the task described by <paramref name="options"/> (an instance of <see cref="IPlugin.OptionsType"/>).</summary>
    TrainingTask Create(object options, TaskContext context);
}

/// <summary>A training task plugin with strongly typed options.</summary>
/// <typeparam name="TOptions">The options class bound from the experiment file's <c>task</c> section.</typeparam>
public interface ITrainingTask<TOptions> : ITrainingTask
    where TOptions : class, new()
{
    /// <inheritdoc />
    Type IPlugin.OptionsType => typeof(TOptions);

    /// <inheritdoc />
    TaskRoles ITrainingTask.Roles(object options) => Roles((TOptions)options);

    /// <inheritdoc />
    TrainingTask ITrainingTask.Create(object options, TaskContext context) => Create((TOptions)options, context);

    /// <summary>The roles the experiment file must fill.</summary>
    TaskRoles Roles(TOptions options);

    /// <summary>Builds the task; its random draws (fixed noise, say) come from libtorch's seeded generator.</summary>
    TrainingTask Create(TOptions options, TaskContext context);
}
