namespace Crucible.Torch.Optim;

/// <summary>
/// An optimizer whose per-parameter state is the typed <typeparamref name="TState"/> (as
/// TorchSharp's and Keras' optimizers keep theirs): the update rule reads <c>state.ExpAvg</c>, not
/// <c>state["exp_avg"]</c>, while the state dict still saves PyTorch's keys.
/// </summary>
/// <typeparam name="TState">The optimizer's state for one parameter.</typeparam>
public abstract class Optimizer<TState> : Optimizer
    where TState : ParameterState, new()
{
    /// <summary>Creates the optimizer over the given parameter groups; options a group does not set come from <paramref name="defaults"/>.</summary>
    protected Optimizer(IEnumerable<ParamGroup> groups, double defaultLearningRate, IReadOnlyDictionary<string, double> defaults)
        : base(groups, defaultLearningRate, defaults)
    {
    }

    /// <summary>The state kept for <paramref name="parameter"/>, or null before its first step.</summary>
    public new TState? GetState(Tensor parameter) => (TState?)base.GetState(parameter);

    /// <summary>The state kept for <paramref name="parameter"/>, created empty when missing.</summary>
    protected internal new TState StateOf(Tensor parameter) => (TState)base.StateOf(parameter);

    /// <summary>
    /// Counts one more step for each of <paramref name="parameters"/> and returns the new counts
    /// (PyTorch's per-parameter <c>state["step"]</c>); a parameter's first step starts its state
    /// with <paramref name="initialize"/>.
    /// </summary>
    protected internal double[] AdvanceSteps(List<Tensor> parameters, Action<Tensor, TState> initialize)
    {
        ArgumentNullException.ThrowIfNull(initialize);
        return AdvanceSteps(parameters, initialize, static (p, s, start) => start(p, s));
    }

    /// <summary>
    /// One step of an optimizer whose update rule takes one parameter at a time (torch/optim's
    /// <c>_single_tensor_*</c> functions), everything around the rule: for each group with gradients,
    /// its typed options; every gradient checked dense (or sparse, for a rule that takes only sparse
    /// ones) before anything changes; each parameter's step counted, its state started by
    /// <paramref name="initialize"/> on its first; the gradients negated to maximize and given the L2
    /// weight decay, one <c>_foreach_*</c> op each; then <paramref name="update"/> for each parameter.
    /// </summary>
    private protected void StepEachParameter<TOptions>(
        string optimizer,
        Func<ParamGroup, TOptions> read,
        Action<Tensor, TState, ParamGroup> initialize,
        ParameterUpdate<TOptions> update,
        bool sparseGradients = false)
        where TOptions : struct, IGradientOptions
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.NoGrad();
        foreach (var group in ParamGroups)
        {
            var g = Gradients(group);
            if (g.Count == 0)
            {
                continue;
            }

            var o = group.Typed(read);
            if (sparseGradients)
            {
                g.RequireSparse(optimizer);
            }
            else
            {
                g.RequireDense(optimizer);
            }

            var ps = g.Parameters;
            var steps = AdvanceSteps(ps, group, initialize);
            var grads = g.Grads;
            if (o.Maximize)
            {
                grads = sparseGradients ? NegateEach(grads) : torch.ForeachNeg(grads);
            }

            if (o.WeightDecay != 0)
            {
                grads = torch.ForeachAdd(grads, ps, o.WeightDecay);
            }

            var lr = group.LearningRate;
            for (var i = 0; i < ps.Count; i++)
            {
                update(ps[i], grads[i], StateOf(ps[i]), steps[i], lr, o, g);
            }
        }
    }

    /// <summary>
    /// An update rule for one parameter: <paramref name="grad"/> is ready (negated, weight-decayed),
    /// <paramref name="step"/> already counts this step; <paramref name="factors"/> passes constant
    /// factors as the group's 0-dim tensors (<see cref="GroupGradients.Mul_(Tensor, double)"/>).
    /// </summary>
    private protected delegate void ParameterUpdate<TOptions>(Tensor param, Tensor grad, TState state, double step, double lr, in TOptions options, GroupGradients factors)
        where TOptions : struct;

    // libtorch's _foreach_neg has no sparse kernel: one neg per tensor.
    private static Tensor[] NegateEach(IReadOnlyList<Tensor> grads)
    {
        var negated = new Tensor[grads.Count];
        for (var i = 0; i < grads.Count; i++)
        {
            negated[i] = grads[i].Neg();
        }

        return negated;
    }

    private double[] AdvanceSteps<TArg>(List<Tensor> parameters, TArg arg, Action<Tensor, TState, TArg> initialize)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var steps = new double[parameters.Count];
        for (var i = 0; i < parameters.Count; i++)
        {
            var s = StateOf(parameters[i]);
            if (s.IsEmpty)
            {
                s.Values[StepKey] = 0;
                initialize(parameters[i], s, arg);
            }

            steps[i] = s.Values[StepKey] += 1;
        }

        return steps;
    }

    private protected override ParameterState NewState() => new TState();
}
