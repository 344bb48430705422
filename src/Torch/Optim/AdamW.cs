namespace Crucible.Torch.Optim;

/// <summary>
/// Adam with decoupled weight decay (<c>torch.optim.AdamW</c>): parameters shrink by
/// <c>lr * weight_decay</c> each step instead of the decay entering the gradient. Same options and
/// state as <see cref="Adam"/>; the default weight decay is 0.01.
/// </summary>
public sealed class AdamW : Optimizer<Adam.State>
{
    /// <summary>Creates the optimizer over one group of parameters.</summary>
    /// <param name="parameters">The tensors to optimize.</param>
    /// <param name="lr">The learning rate. Defaults to 0.001.</param>
    /// <param name="beta1">Decay of the running mean of gradients. Defaults to 0.9.</param>
    /// <param name="beta2">Decay of the running mean of squared gradients. Defaults to 0.999.</param>
    /// <param name="eps">Added to the denominator for stability. Defaults to 1e-8.</param>
    /// <param name="weightDecay">Decoupled weight decay. Defaults to 0.01.</param>
    /// <param name="amsgrad">Use the AMSGrad variant. Defaults to false.</param>
    /// <param name="maximize">Maximize the objective instead of minimizing. Defaults to false.</param>
    public AdamW(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 1e-2, bool amsgrad = false, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, beta1, beta2, eps, weightDecay, amsgrad, maximize)
    {
    }

    /// <summary>Creates the optimizer over parameter groups; the arguments are the defaults of groups that do not set them.</summary>
    public AdamW(IEnumerable<ParamGroup> groups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 1e-2, bool amsgrad = false, bool maximize = false)
        : base(groups, lr, AdamOptions.Defaults(beta1, beta2, eps, weightDecay, amsgrad, maximize))
    {
        AdamOptions.Validate(ParamGroups);
    }

    /// <inheritdoc />
    public override void Step() => AdamOptions.Step(this, decoupled: true);
}
