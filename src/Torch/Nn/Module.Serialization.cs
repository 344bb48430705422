namespace Crucible.Torch.Nn;

public abstract partial class Module
{
    /// <summary>
    /// Writes the state dict to a safetensors file, readable by <c>safetensors.torch.load_file</c>
    /// and <c>model.load_state_dict</c> in PyTorch. The metadata records <c>format: pt</c>, as
    /// Hugging Face's writers do, plus any entries of <paramref name="metadata"/>.
    /// </summary>
    public void Save(string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var meta = new Dictionary<string, string>(StringComparer.Ordinal) { ["format"] = "pt" };
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            meta[key] = value;
        }

        using var scope = torch.NewDisposeScope();
        torch.Save(StateDict(), path, meta);
    }

    /// <summary>
    /// Loads a safetensors file written by <see cref="Save"/> or by PyTorch's ecosystem
    /// (<c>safetensors.torch.save_file(model.state_dict(), path)</c>) into this module's parameters
    /// and buffers, with the checks of <see cref="LoadStateDict(IReadOnlyDictionary{string, Tensor}, bool)"/>.
    /// </summary>
    /// <exception cref="StateDictMismatchException">The file's names (when strict), shapes or dtypes do not fit; the message names the file and every difference.</exception>
    public LoadStateDictResult Load(string path, bool strict = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var scope = torch.NewDisposeScope();
        using var tensors = torch.Load(path);
        return LoadStateDictCore(tensors, strict, $"{GetType().Name} from '{path}'");
    }
}
