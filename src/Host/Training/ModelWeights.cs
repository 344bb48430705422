using Crucible.Torch;
using Crucible.Torch.Nn;
using Crucible.Torch.Optim;

namespace Crucible.Host.Training;

/// <summary>
/// A model's state dict (parameters and buffers) as a safetensors file. Written through the binding's
/// <see cref="StateDict"/> file format, the same one optimizer state uses.
/// </summary>
internal static class ModelWeights
{
    public static void Save(Module model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var state = new StateDict();
        foreach (var (name, tensor) in model.StateDict())
        {
            state.Tensors[name] = tensor.DetachFromDisposeScope();
        }

        state.Save(path);
    }

    /// <summary>Copies the weights in <paramref name="path"/> into <paramref name="model"/> (names, shapes and dtypes must match).</summary>
    public static void Load(Module model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var state = StateDict.Load(path);
        model.LoadStateDict(new Dictionary<string, Tensor>(state.Tensors, StringComparer.Ordinal), strict: true);
    }

    /// <summary>Saves tensors (RNG states) under their names.</summary>
    public static void SaveTensors(IReadOnlyDictionary<string, Tensor> tensors, string path)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var state = new StateDict();
        foreach (var (name, tensor) in tensors)
        {
            state.Tensors[name] = tensor;
        }

        // The caller owns the tensors: write without disposing them.
        state.Save(path);
        state.Tensors.Clear();
    }
}
