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
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(initialize);
        var steps = new double[parameters.Count];
        for (var i = 0; i < parameters.Count; i++)
        {
            var s = StateOf(parameters[i]);
            if (s.IsEmpty)
            {
                s.Values[StepKey] = 0;
                initialize(parameters[i], s);
            }

            steps[i] = s.Values[StepKey] += 1;
        }

        return steps;
    }

    private protected override ParameterState NewState() => new TState();
}
