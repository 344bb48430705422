using Crucible.Torch.Serialization;

namespace Crucible.Torch;

#pragma warning disable CS8981, IDE1006 // Named like PyTorch's module.
public static partial class torch
#pragma warning restore CS8981, IDE1006
{
    /// <summary>
    /// Writes tensors (any device; they are copied to host memory) and optional string metadata to
    /// a safetensors file (<c>safetensors.torch.save_file</c>). The file is written beside the
    /// target and moved into place, so a reader never sees a half-written file.
    /// </summary>
    public static void Save(IReadOnlyDictionary<string, Tensor> tensors, string path, IReadOnlyDictionary<string, string>? metadata = null) =>
        SafetensorsFormat.Write(tensors, path, metadata);

    /// <summary>
    /// Reads every tensor and the metadata of a safetensors file (<c>safetensors.torch.load_file</c>),
    /// onto <paramref name="device"/> (the CPU by default). Throws <see cref="InvalidDataException"/>
    /// naming what is wrong when the file is not valid safetensors.
    /// </summary>
    public static TensorDictionary Load(string path, Device? device = null) =>
        SafetensorsFormat.Read(path, device ?? Crucible.Torch.Device.Cpu);
}
