using Crucible.Torch.Interop;

namespace Crucible.Torch;

#pragma warning disable CS8981, IDE1006 // Named like PyTorch's module.
public static partial class torch
#pragma warning restore CS8981, IDE1006
{
    /// <summary>Samples from the standard normal distribution (<c>torch.randn</c>), using the seeded generator.</summary>
    public static unsafe Tensor Randn(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null, bool requiresGrad = false)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var dev = device ?? Crucible.Torch.Device.Cpu;
        fixed (long* s = shape)
        {
            return new Tensor(NativeMethods.crc_tensor_randn(s, shape.Length, (int)dtype, (int)dev.Type, dev.Index, requiresGrad ? 1 : 0));
        }
    }

    /// <summary>Samples uniformly from [0, 1) (<c>torch.rand</c>), using the seeded generator.</summary>
    public static unsafe Tensor Rand(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null, bool requiresGrad = false)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var dev = device ?? Crucible.Torch.Device.Cpu;
        fixed (long* s = shape)
        {
            return new Tensor(NativeMethods.crc_tensor_rand(s, shape.Length, (int)dtype, (int)dev.Type, dev.Index, requiresGrad ? 1 : 0));
        }
    }

    /// <summary>
    /// Disables gradient recording on this thread until disposed (<c>with torch.no_grad():</c>).
    /// </summary>
    public static GradModeScope NoGrad() => new(enabled: false);

    /// <summary>Enables gradient recording on this thread until disposed (<c>torch.enable_grad()</c>).</summary>
    public static GradModeScope EnableGrad() => new(enabled: true);

    /// <summary>Whether gradient recording is on for this thread (<c>torch.is_grad_enabled()</c>).</summary>
    public static bool IsGradEnabled => NativeMethods.crc_grad_is_enabled() == 1;
}
