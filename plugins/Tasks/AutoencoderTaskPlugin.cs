using Crucible.Abstractions;

namespace Crucible.Plugins.Tasks;

/// <summary>
/// Learns to reproduce its input: the target is the input, the model outputs one value per input
/// value (reshaped to the input's shape), the loss compares them (<c>mse</c>, <c>bce</c>, ...).
/// For image data it records inputs next to their reconstructions as a PNG every few epochs.
/// </summary>
[Plugin("autoencoder", Description = "Reconstructs the input (target = input); records input/reconstruction grids as PNG for images.")]
public sealed class AutoencoderTaskPlugin : ITrainingTask<AutoencoderOptions>
{
    /// <inheritdoc />
    public TaskRoles Roles(AutoencoderOptions options) => TaskRoles.Single;

    /// <inheritdoc />
    public TrainingTask Create(AutoencoderOptions options, TaskContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        return new AutoencoderTask(options, context.Dataset);
    }
}
