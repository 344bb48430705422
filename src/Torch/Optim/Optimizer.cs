using System.Globalization;
using Crucible.Torch.Interop;

namespace Crucible.Torch.Optim;

/// <summary>
/// Base class of the optimizers (<c>torch.optim.Optimizer</c>). A subclass implements
/// <see cref="Step()"/>; parameter groups with per-group options, zeroing gradients, per-parameter
/// state and its state dict are shared. Each concrete optimizer follows PyTorch 1.13's documented
/// update rule operation by operation, so it produces PyTorch's numbers.
/// </summary>
public abstract partial class Optimizer : IDisposable
{
    private readonly Dictionary<Tensor, ParameterState> state = new(ReferenceEqualityComparer.Instance);
    private bool disposed;

    /// <summary>Creates the optimizer over the given parameter groups.</summary>
    protected Optimizer(IEnumerable<ParamGroup> groups, double defaultLearningRate)
        : this(groups, defaultLearningRate, new Dictionary<string, double>())
    {
    }

    /// <summary>
    /// Creates the optimizer over the given parameter groups; every option a group does not set is
    /// taken from <paramref name="defaults"/> (PyTorch's <c>defaults</c>).
    /// </summary>
    protected Optimizer(IEnumerable<ParamGroup> groups, double defaultLearningRate, IReadOnlyDictionary<string, double> defaults)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(defaults);
        ParamGroups = groups.ToList();
        if (ParamGroups.Count == 0)
        {
            throw new ArgumentException("An optimizer needs at least one parameter group.", nameof(groups));
        }

        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var group in ParamGroups)
        {
            ArgumentNullException.ThrowIfNull(group, nameof(groups));
            foreach (var p in group.Parameters)
            {
                if (!seen.Add(p))
                {
                    throw new ArgumentException("Some parameters appear in more than one parameter group.", nameof(groups));
                }
            }

            group.LearningRate = group.RequestedLearningRate ?? defaultLearningRate;
            foreach (var (key, value) in defaults)
            {
                group.Options.TryAdd(key, value);
            }

            if (group.LearningRate < 0 || double.IsNaN(group.LearningRate))
            {
                throw new ArgumentOutOfRangeException(nameof(groups), group.LearningRate, "Invalid learning rate: it must be >= 0.");
            }
        }
    }

    /// <summary>The parameter groups, each with its own learning rate and options.</summary>
    public IReadOnlyList<ParamGroup> ParamGroups { get; }

    /// <summary>Updates every parameter that has a gradient (<c>optimizer.step()</c>).</summary>
    public abstract void Step();

    /// <summary>
    /// Re-evaluates the model with <paramref name="closure"/> (gradients enabled), then steps
    /// (<c>optimizer.step(closure)</c>). Returns the closure's loss.
    /// </summary>
    public virtual Tensor Step(Func<Tensor> closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        Tensor loss;
        using (torch.EnableGrad())
        {
            loss = closure();
        }

        Step();
        return loss;
    }

    /// <summary>
    /// Clears the gradients of every parameter (<c>optimizer.zero_grad()</c>). With
    /// <paramref name="setToNone"/> (PyTorch 2's default) the gradients are released instead of zeroed.
    /// </summary>
    public virtual void ZeroGrad(bool setToNone = true)
    {
        foreach (var group in ParamGroups)
        {
            foreach (var p in group.Parameters)
            {
                if (setToNone)
                {
                    p.Grad = null;
                }
                else
                {
                    NativeMethods.Check(NativeMethods.crc_optim_zero_grad(p.Handle));
                }
            }
        }
    }

    /// <summary>The state kept for <paramref name="parameter"/>, or null before its first step.</summary>
    public ParameterState? GetState(Tensor parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return state.TryGetValue(parameter, out var s) ? s : null;
    }

    /// <summary>The state kept for <paramref name="parameter"/>, created empty when missing.</summary>
    protected internal ParameterState StateOf(Tensor parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (!state.TryGetValue(parameter, out var s))
        {
            s = NewState();
            state[parameter] = s;
        }

        return s;
    }

    /// <summary>A new, empty state for one parameter (the typed one of <see cref="Optimizer{TState}"/>).</summary>
    private protected virtual ParameterState NewState() => new();

    /// <summary>PyTorch's key of the per-parameter step count.</summary>
    internal const string StepKey = "step";

    /// <summary>The parameters of <paramref name="group"/> that have a gradient (PyTorch skips the others).</summary>
    protected internal static List<Tensor> ParametersWithGrad(ParamGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return [.. group.Gradients.Read().Parameters];
    }

    /// <summary>
    /// The parameters of <paramref name="group"/> that have a gradient and those gradients, read in
    /// one native call; the lists and the borrowed gradients are valid until the group's next read.
    /// </summary>
    private protected static GroupGradients Gradients(ParamGroup group) => group.Gradients.Read();

    /// <summary>True when the parameter's gradient is a sparse tensor.</summary>
    protected internal static bool HasSparseGrad(Tensor parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return NativeMethods.Check(NativeMethods.crc_optim_grad_kind(parameter.Handle)) == 2;
    }

    /// <summary>Zeros with the parameter's shape, dtype and device (<c>torch.zeros_like</c>), outside any dispose scope.</summary>
    protected internal static Tensor ZerosLike(Tensor parameter) => torch.ZerosLike(parameter).DetachFromDisposeScope();

    /// <summary>A constant with the parameter's shape, dtype and device (<c>torch.full_like</c>), outside any dispose scope.</summary>
    protected internal static Tensor FullLike(Tensor parameter, double value) => torch.FullLike(parameter, value).DetachFromDisposeScope();

    /// <summary>A 0-dim float32 CPU tensor (<c>torch.tensor(value)</c>), outside any dispose scope.</summary>
    protected internal static Tensor ScalarFloat(double value) => torch.ScalarTensor((float)value, Device.Cpu).DetachFromDisposeScope();

    /// <summary>
    /// The parameter's gradient, negated when <paramref name="maximize"/>; throws for a missing or a
    /// sparse gradient (the dense optimizers' check, worded as PyTorch's).
    /// </summary>
    protected internal static Tensor DenseGrad(Tensor parameter, bool maximize, string optimizer)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        var grad = parameter.Grad ?? throw new TorchException($"{optimizer}: a parameter without a gradient reached the step");
        if (grad.IsSparse)
        {
            throw new TorchException($"{optimizer} does not support sparse gradients{(optimizer == "Adam" ? ", please consider SparseAdam instead" : "")}");
        }

        return maximize ? grad.Neg() : grad;
    }

    /// <summary>
    /// A snapshot of the optimizer (<c>optimizer.state_dict()</c>): each group's learning rate and
    /// options, and each parameter's state, keyed by the parameter's position over all groups
    /// (<c>state.3.exp_avg</c>), as PyTorch numbers them.
    /// </summary>
    public StateDict StateDict()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var result = new StateDict();
        try
        {
            var index = 0;
            for (var g = 0; g < ParamGroups.Count; g++)
            {
                var group = ParamGroups[g];
                var prefix = Invariant($"param_groups.{g}.");
                result.Values[prefix + "lr"] = group.LearningRate;
                result.Values[prefix + "params"] = group.Parameters.Count;
                if (group.InitialLearningRate is { } initial)
                {
                    result.Values[prefix + "initial_lr"] = initial;
                }

                foreach (var (key, value) in group.Options)
                {
                    result.Values[prefix + key] = value;
                }

                foreach (var p in group.Parameters)
                {
                    if (state.TryGetValue(p, out var s))
                    {
                        var sp = Invariant($"state.{index}.");
                        foreach (var (key, value) in s.Values)
                        {
                            result.Values[sp + key] = value;
                        }

                        foreach (var (key, tensor) in s.Tensors)
                        {
                            result.Tensors[sp + key] = Copy(tensor);
                        }
                    }

                    index++;
                }
            }

            SaveExtraState(result);
        }
        catch
        {
            result.Dispose();
            throw;
        }

        return result;
    }

    /// <summary>
    /// Restores a snapshot taken by <see cref="StateDict"/> (<c>optimizer.load_state_dict()</c>),
    /// copying its tensors. The optimizer must have as many groups and parameters as the one saved.
    /// </summary>
    public void LoadStateDict(StateDict stateDict)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        ObjectDisposedException.ThrowIf(disposed, this);
        for (var g = 0; g < ParamGroups.Count; g++)
        {
            var saved = stateDict.Values.TryGetValue(Invariant($"param_groups.{g}.params"), out var n) ? (int)n : -1;
            if (saved != ParamGroups[g].Parameters.Count)
            {
                throw new ArgumentException(
                    saved < 0
                        ? Invariant($"The state dict has no parameter group {g}; it was saved from an optimizer with fewer groups.")
                        : Invariant($"Parameter group {g} has {ParamGroups[g].Parameters.Count} parameters but the state dict saved {saved}."),
                    nameof(stateDict));
            }
        }

        if (stateDict.Values.ContainsKey(Invariant($"param_groups.{ParamGroups.Count}.params")))
        {
            throw new ArgumentException(Invariant($"The state dict has more parameter groups than this optimizer's {ParamGroups.Count}."), nameof(stateDict));
        }

        foreach (var s in state.Values)
        {
            s.Clear();
        }

        state.Clear();
        var parameters = ParamGroups.SelectMany(g => g.Parameters).ToList();
        for (var g = 0; g < ParamGroups.Count; g++)
        {
            var group = ParamGroups[g];
            var prefix = Invariant($"param_groups.{g}.");
            group.LearningRate = stateDict.Value(prefix + "lr");
            group.InitialLearningRate = stateDict.Values.TryGetValue(prefix + "initial_lr", out var initial) ? initial : null;
            foreach (var (key, value) in stateDict.Values)
            {
                if (key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    var option = key[prefix.Length..];
                    if (option is not ("lr" or "params" or "initial_lr"))
                    {
                        group.Options[option] = value;
                    }
                }
            }
        }

        foreach (var (key, value) in stateDict.Values)
        {
            if (TryParseStateKey(key, parameters.Count, out var index, out var name))
            {
                StateOf(parameters[index]).Values[name] = value;
            }
        }

        foreach (var (key, tensor) in stateDict.Tensors)
        {
            if (TryParseStateKey(key, parameters.Count, out var index, out var name))
            {
                var p = parameters[index];
                var copy = Copy(tensor);

                // Per-element state follows its parameter to its device; 0-dim scalars stay on the CPU, as in PyTorch.
                if (copy.Dim > 0 && copy.Device != p.Device)
                {
                    var moved = copy.To(p.Device).DetachFromDisposeScope();
                    copy.Dispose();
                    copy = moved;
                }

                StateOf(p).Set(name, copy);
            }
        }

        LoadExtraState(stateDict);
    }

    /// <summary>Writes <see cref="StateDict"/> to a safetensors file.</summary>
    public void SaveState(string path)
    {
        using var snapshot = StateDict();
        snapshot.Save(path);
    }

    /// <summary>Restores the state written by <see cref="SaveState"/>.</summary>
    public void LoadState(string path)
    {
        using var snapshot = Optim.StateDict.Load(path);
        LoadStateDict(snapshot);
    }

    /// <summary>Adds optimizer-wide state that is not per parameter (none by default).</summary>
    protected virtual void SaveExtraState(StateDict stateDict)
    {
    }

    /// <summary>Restores what <see cref="SaveExtraState"/> added.</summary>
    protected virtual void LoadExtraState(StateDict stateDict)
    {
    }

    /// <summary>Frees the optimizer's state tensors.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees the optimizer's state tensors.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposed || !disposing)
        {
            return;
        }

        disposed = true;
        foreach (var s in state.Values)
        {
            s.Clear();
        }

        state.Clear();
    }

    /// <summary>Throws unless the option <paramref name="key"/> of the group lies in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    private protected static void RequireRange(ParamGroup group, string key, double min, double max)
    {
        var value = group.Option(key);
        if (!(value >= min && value <= max))
        {
            throw new ArgumentOutOfRangeException(key, value, Invariant($"Invalid {key} value: {value}; it must lie in [{min}, {max}]."));
        }
    }

    // A copy that shares nothing and records no autograd history, outside any dispose scope.
    private static Tensor Copy(Tensor tensor)
    {
        using var noGrad = torch.NoGrad();
        using var detached = tensor.Detach();
        return detached.Clone().DetachFromDisposeScope();
    }

    private static bool TryParseStateKey(string key, int count, out int index, out string name)
    {
        index = -1;
        name = string.Empty;
        if (!key.StartsWith("state.", StringComparison.Ordinal))
        {
            return false;
        }

        var dot = key.IndexOf('.', 6);
        if (dot < 0 || !int.TryParse(key.AsSpan(6, dot - 6), NumberStyles.None, CultureInfo.InvariantCulture, out index))
        {
            return false;
        }

        if (index >= count)
        {
            throw new ArgumentException($"The state dict has state for parameter {index} but the optimizer has only {count} parameters.");
        }

        name = key[(dot + 1)..];
        return true;
    }

    private protected static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
