namespace Crucible.Torch.Optim;

/// <summary>
/// What an optimizer keeps for one parameter (<c>optimizer.state[p]</c>): tensors (moment
/// estimates, momentum buffers) and numbers (step counts), stored under PyTorch's keys so that
/// <see cref="Optimizer.StateDict"/> saves them as PyTorch names them. Each optimizer reads its state
/// through a typed subclass (<see cref="Adam.State"/>: <c>Step</c>, <c>ExpAvg</c>, ...); this class
/// is the storage and the generic view. The tensors are owned by the optimizer.
/// </summary>
public class ParameterState
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

    /// <summary>The tensor under <paramref name="key"/>; throws naming the key when the state lacks it.</summary>
    protected Tensor GetTensor(string key) =>
        Tensors.TryGetValue(key, out var tensor) ? tensor : throw new InvalidOperationException($"The optimizer state has no '{key}' yet.");

    /// <summary>The tensor under <paramref name="key"/>, or null.</summary>
    protected Tensor? FindTensor(string key) => Tensors.TryGetValue(key, out var tensor) ? tensor : null;

    /// <summary>The number under <paramref name="key"/>; throws naming the key when the state lacks it.</summary>
    protected double GetValue(string key) =>
        Values.TryGetValue(key, out var value) ? value : throw new InvalidOperationException($"The optimizer state has no '{key}' yet.");

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
