namespace Crucible.Torch.Optim;

/// <summary>
/// What a step does to a gradient before an optimizer's update rule sees it (the options every
/// <c>_single_tensor_*</c> function of torch/optim starts with): negate it to maximize, add the L2
/// weight decay. An optimizer without one of them answers false or 0.
/// </summary>
internal interface IGradientOptions
{
    /// <summary>Maximize the objective: the rule sees the negated gradient.</summary>
    bool Maximize { get; }

    /// <summary>The L2 penalty added to the gradient (<c>grad + weight_decay * param</c>); 0 for none.</summary>
    double WeightDecay { get; }
}
