using Crucible.Abstractions;

namespace Crucible.Plugins.Tasks;

/// <summary>
/// A generative adversarial network (Goodfellow et al. 2014) with the non-saturating generator loss:
/// a <c>generator</c> turns noise into samples shaped like the data, a <c>discriminator</c> tells them
/// from real ones; each role has its own model and optimizer, stepped in turn every batch (manual
/// optimization). Records <c>train_d_loss</c> and <c>train_g_loss</c> per epoch and a fixed-noise grid
/// of generated samples as a PNG every few epochs and at the end.
/// </summary>
[Plugin("gan", Description = "Generator and discriminator with two optimizers and the non-saturating loss; records sample grids as PNG.")]
public sealed class GanTaskPlugin : ITrainingTask<GanOptions>
{
    /// <summary>The generator's role name.</summary>
    public const string Generator = "generator";

    /// <summary>The discriminator's role name.</summary>
    public const string Discriminator = "discriminator";

    /// <inheritdoc />
    public TaskRoles Roles(GanOptions options) => new() { Models = [Generator, Discriminator], Optimizers = [Generator, Discriminator] };

    /// <inheritdoc />
    public TrainingTask Create(GanOptions options, TaskContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        return new GanTask(options, context.Dataset, context.Device);
    }
}
