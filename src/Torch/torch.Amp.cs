using Crucible.Torch.Interop;

namespace Crucible.Torch;

#pragma warning disable CS8981, IDE1006 // Named like PyTorch's module.
public static partial class torch
#pragma warning restore CS8981, IDE1006
{
    /// <summary>
    /// Mixed precision on <paramref name="device"/> until disposed (<c>torch.autocast(device_type, dtype)</c>):
    /// eligible operations run in <paramref name="dtype"/> (<see cref="ScalarType.BFloat16"/> on the CPU,
    /// <see cref="ScalarType.Float16"/> or <see cref="ScalarType.BFloat16"/> on CUDA).
    /// </summary>
    public static AutocastScope Autocast(DeviceType device, ScalarType dtype, bool enabled = true) => new(device, dtype, enabled);

    /// <summary>Whether autocast is on for <paramref name="device"/> on this thread (<c>torch.is_autocast_enabled()</c>).</summary>
    public static bool IsAutocastEnabled(DeviceType device) => NativeMethods.Check(NativeMethods.crc_autocast_is_enabled((int)device)) == 1;
}
