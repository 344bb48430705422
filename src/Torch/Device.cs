using System.Globalization;

namespace Crucible.Torch;

/// <summary>Kinds of device a tensor can live on. The values are libtorch's <c>c10::DeviceType</c> codes.</summary>
public enum DeviceType
{
    /// <summary>Host memory.</summary>
    Cpu = 0,

    /// <summary>An NVIDIA GPU.</summary>
    Cuda = 1,
}

/// <summary>A device: <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
/// <param name="Type">The kind of device.</param>
/// <param name="Index">The device ordinal, or -1 for "the current one".</param>
public readonly record struct Device(DeviceType Type, int Index = -1)
{
    /// <summary>The host CPU.</summary>
    public static Device Cpu { get; } = new(DeviceType.Cpu);

    /// <summary>The current CUDA device.</summary>
    public static Device Cuda { get; } = new(DeviceType.Cuda);

    /// <summary>True for a CUDA device.</summary>
    public bool IsCuda => Type == DeviceType.Cuda;

    /// <summary>
    /// Parses <c>cpu</c>, <c>cuda</c>, <c>cuda:N</c> or <c>auto</c> (cuda when a GPU is available, else cpu).
    /// </summary>
    public static Device Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim().ToLowerInvariant();
        if (value == "auto")
        {
            return torch.Cuda.IsAvailable ? Cuda : Cpu;
        }

        if (value == "cpu")
        {
            return Cpu;
        }

        if (value == "cuda")
        {
            return Cuda;
        }

        if (value.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(value.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return new Device(DeviceType.Cuda, index);
        }

        throw new ArgumentException($"Unknown device '{text}'. Expected cpu, cuda, cuda:N or auto.", nameof(text));
    }

    /// <summary>The PyTorch spelling: <c>cpu</c>, <c>cuda</c>, <c>cuda:0</c>.</summary>
    public override string ToString()
    {
        var name = Type == DeviceType.Cpu ? "cpu" : "cuda";
        return Index < 0 ? name : string.Create(CultureInfo.InvariantCulture, $"{name}:{Index}");
    }
}
