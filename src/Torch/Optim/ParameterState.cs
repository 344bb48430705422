namespace Crucible.Torch.Optim;

/// <summary>
/// What an optimizer keeps for one parameter (<c>optimizer.state[p]</c>): tensors (moment
/// estimates, momentum buffers) and numbers (step counts). Everything here is saved by
/// <see cref="Optimizer.StateDict"/> and restored by <see cref="Optimizer.LoadStateDict"/>.
/// The tensors are owned by the optimizer.
/// </summary>
public sealed class ParameterState
{
    /// <summary>State tensors by PyTorch's key (<c>exp_avg</c>, <c>momentum_buffer</c>, ...).</summary>
    public IDictionary<string, Tensor> Tensors { get; } = new Dictionary<string, Tensor>(StringComparer.Ordinal);

    /// <summary>State numbers by PyTorch's key (<c>step</c>, ...).</summary>
    public IDictionary<string, double> Values { get; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>True when no step has stored anything yet.</summary>
    public bool IsEmpty => Tensors.Count == 0 && Values.Count == 0;

    /// <summary>Adds a state tensor, taking it out of any dispose scope (the optimizer owns it).</summary>
    public Tensor Set(string key, Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        tensor.DetachFromDisposeScope();
        if (Tensors.TryGetValue(key, out var old) && !ReferenceEquals(old, tensor))
        {
            old.Dispose();
        }

        Tensors[key] = tensor;
        return tensor;
    }

    internal void Clear()
    {
        foreach (var t in Tensors.Values)
        {
            t.Dispose();
        }

        Tensors.Clear();
        Values.Clear();
    }
}
