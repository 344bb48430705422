namespace Crucible.Torch.Optim;

/// <summary>
/// A set of parameters that share optimizer options (<c>param_groups</c> in PyTorch): e.g. a
/// smaller learning rate for a pretrained backbone.
/// </summary>
public sealed class ParamGroup
{
    /// <summary>Creates a group of parameters with their own options.</summary>
    /// <param name="parameters">The tensors this group updates.</param>
    /// <param name="learningRate">The group's learning rate; null takes the optimizer's default.</param>
    public ParamGroup(IEnumerable<Tensor> parameters, double? learningRate = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters.ToList();
        RequestedLearningRate = learningRate;
    }

    /// <summary>The tensors this group updates.</summary>
    public IReadOnlyList<Tensor> Parameters { get; }

    /// <summary>The learning rate in force (<c>group["lr"]</c>); schedulers read and set it.</summary>
    public double LearningRate { get; set; }

    /// <summary>The learning rate the group was created with, before defaults were applied.</summary>
    internal double? RequestedLearningRate { get; }

    /// <summary>
    /// Options that override the optimizer's defaults for this group, by PyTorch's key
    /// (<c>weight_decay</c>, <c>momentum</c>, <c>betas</c> as two entries <c>beta1</c>/<c>beta2</c>, ...).
    /// </summary>
    public IDictionary<string, double> Options { get; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>The learning rate the group started with (<c>initial_lr</c>); set by the first scheduler attached.</summary>
    public double? InitialLearningRate { get; set; }
}
