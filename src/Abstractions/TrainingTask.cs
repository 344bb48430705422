using Crucible.Torch;

namespace Crucible.Abstractions;

/// <summary>
/// What the trainer runs on every batch (Lightning's <c>training_step</c>/<c>validation_step</c>/
/// <c>test_step</c>/<c>predict_step</c>). The trainer owns the loops, the data, the device, dispose
/// scopes, evaluation mode and no-grad; the task only says what one step does, with the run's models,
/// optimizers and losses by role from the <see cref="ITrainerContext"/> it is handed.
/// A task that also implements <see cref="ITrainingCallback"/> gets every hook (to record images
/// every few epochs, say) and has its state checkpointed under the name <c>task</c>.
/// </summary>
public abstract class TrainingTask
{
    /// <summary>
    /// True (the default): <see cref="TrainingStep"/> returns a loss and the trainer zeroes the
    /// gradients, backpropagates, clips and steps the one optimizer, through a closure (LBFGS),
    /// with gradient accumulation and per-batch schedulers. False (manual optimization): the
    /// step zeroes, backpropagates, clips (<see cref="ITrainerContext.ClipGradients"/>) and steps its
    /// optimizers itself; every batch counts one global step.
    /// </summary>
    public virtual bool AutomaticOptimization => true;

    /// <summary>One training step over <paramref name="batch"/>, models in training mode.</summary>
    public abstract StepOutput TrainingStep(TaskBatch batch, ITrainerContext context);

    /// <summary>One validation step over <paramref name="batch"/>, models in evaluation mode, without gradients.</summary>
    public abstract StepOutput ValidationStep(TaskBatch batch, ITrainerContext context);

    /// <summary>One test step; defaults to <see cref="ValidationStep"/>.</summary>
    public virtual StepOutput TestStep(TaskBatch batch, ITrainerContext context) => ValidationStep(batch, context);

    /// <summary>The primary model's outputs for <paramref name="features"/> (evaluation mode, no gradients); defaults to its forward pass.</summary>
    public virtual Tensor PredictStep(Tensor features, ITrainerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Model.Forward(features);
    }

    /// <summary>
    /// What the model in <paramref name="role"/> sees, as the <see cref="ModelContext.Dataset"/> its
    /// plugin is built with. Defaults to the dataset itself; a GAN's generator, say, sees a latent
    /// vector and outputs an image's worth of values.
    /// </summary>
    public virtual DatasetMetadata ModelData(string role, DatasetMetadata dataset) => dataset;
}
