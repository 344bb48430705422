namespace Crucible.Abstractions;

/// <summary>
/// The standard supervised step, <c>loss(model(x), y)</c>, with automatic optimization: the step of
/// the built-in <c>supervised</c> task (the default) and a base for tasks that change one part of it
/// (an autoencoder overrides <see cref="Target"/>). Uses the roles of <see cref="TaskRoles.Single"/>.
/// </summary>
public class SupervisedTask : TrainingTask
{
    /// <inheritdoc />
    public override StepOutput TrainingStep(TaskBatch batch, ITrainerContext context) => Step(batch, context);

    /// <inheritdoc />
    public override StepOutput ValidationStep(TaskBatch batch, ITrainerContext context) => Step(batch, context);

    /// <summary>What the model's output is compared with; defaults to the batch's targets.</summary>
    protected virtual Torch.Tensor Target(TaskBatch batch) => batch.Targets;

    /// <summary>The output compared with <see cref="Target"/>; defaults to the primary model's forward pass.</summary>
    protected virtual Torch.Tensor Forward(ITrainerContext context, Torch.Tensor features)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Model.Forward(features);
    }

    private StepOutput Step(TaskBatch batch, ITrainerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var output = Forward(context, batch.Features);
        // Under training.precision bf16 or 16 the output may leave autocast in the lower precision;
        // losses and metrics compare in float32, as they do at 32.
        if (output.DType is Torch.ScalarType.BFloat16 or Torch.ScalarType.Float16)
        {
            output = output.To(Torch.ScalarType.Float32);
        }

        var target = Target(batch);
        return new StepOutput { Loss = context.Losses[TaskRoles.Loss].Forward(output, target), Output = output, Target = target };
    }
}
