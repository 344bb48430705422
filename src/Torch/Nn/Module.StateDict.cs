using Crucible.Torch.Interop;

namespace Crucible.Torch.Nn;

public abstract partial class Module
{
    /// <summary>
    /// The parameters and persistent buffers by dotted name, in registration order
    /// (<c>module.state_dict()</c>). The tensors are detached views sharing the module's storage
    /// (a later optimizer step shows through them); they are new handles, owned by the caller or the
    /// current dispose scope, and disposing them leaves the module intact. Tied weights appear under
    /// every name, as in PyTorch.
    /// </summary>
    public OrderedDictionary<string, Tensor> StateDict()
    {
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in StateEntries())
        {
            result.Add(name, tensor.Detach());
        }

        return result;
    }

    /// <summary>
    /// Copies the tensors of <paramref name="stateDict"/> into the parameters and buffers with the
    /// same names (<c>module.load_state_dict(state_dict, strict)</c>). Nothing is copied unless
    /// everything fits: every tensor present in both must have the same shape and dtype, and with
    /// <paramref name="strict"/> the names must match exactly. Parameters keep their identity, so an
    /// optimizer created earlier still updates them.
    /// </summary>
    /// <returns>The module's names missing from the dict and the dict's names the module does not have (both empty when strict).</returns>
    /// <exception cref="StateDictMismatchException">Names (when strict), shapes or dtypes do not match; the message lists every difference.</exception>
    public LoadStateDictResult LoadStateDict(IReadOnlyDictionary<string, Tensor> stateDict, bool strict = true) =>
        LoadStateDictCore(stateDict, strict, GetType().Name);

    private LoadStateDictResult LoadStateDictCore(IReadOnlyDictionary<string, Tensor> stateDict, bool strict, string target)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        var own = StateEntries().ToList();
        var ownNames = own.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var missing = own.Where(e => !stateDict.ContainsKey(e.Name)).Select(e => e.Name).ToList();
        var unexpected = stateDict.Keys.Where(k => !ownNames.Contains(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        var mismatched = new List<string>();
        foreach (var (name, tensor) in own)
        {
            if (!stateDict.TryGetValue(name, out var source))
            {
                continue;
            }

            ArgumentNullException.ThrowIfNull(source, $"{nameof(stateDict)}[\"{name}\"]");
            var (expectedShape, actualShape) = (tensor.Shape, source.Shape);
            if (!expectedShape.AsSpan().SequenceEqual(actualShape))
            {
                mismatched.Add($"{name}: shape [{string.Join(", ", actualShape)}] in the state dict, [{string.Join(", ", expectedShape)}] in the module");
            }

            var (expectedType, actualType) = (tensor.DType, source.DType);
            if (expectedType != actualType)
            {
                mismatched.Add($"{name}: dtype {actualType.ToPyTorchName()} in the state dict, {expectedType.ToPyTorchName()} in the module");
            }
        }

        if (mismatched.Count > 0 || (strict && (missing.Count > 0 || unexpected.Count > 0)))
        {
            throw new StateDictMismatchException(target, strict ? missing : [], strict ? unexpected : [], mismatched);
        }

        foreach (var (name, tensor) in own)
        {
            if (stateDict.TryGetValue(name, out var source))
            {
                NativeMethods.Check(NativeMethods.crc_nn_copy_(tensor.Handle, source.Handle));
            }
        }

        return new LoadStateDictResult(missing, unexpected);
    }

    private IEnumerable<(string Name, Tensor Tensor)> StateEntries()
    {
        foreach (var (name, p) in parameters)
        {
            yield return (name, p);
        }

        foreach (var (name, b) in buffers)
        {
            if (!nonPersistentBuffers.Contains(name))
            {
                yield return (name, b);
            }
        }

        foreach (var (prefix, child) in modules)
        {
            foreach (var (name, t) in child.StateEntries())
            {
                yield return ($"{prefix}.{name}", t);
            }
        }
    }
}
