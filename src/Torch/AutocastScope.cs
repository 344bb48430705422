using Crucible.Torch.Interop;

namespace Crucible.Torch;

/// <summary>
/// Runs eligible operations on <see cref="Device"/> in a lower precision on this thread until
/// disposed (<c>with torch.autocast(device_type, dtype):</c>): matrix products and convolutions in
/// bfloat16 or float16, reductions and losses in float32, as libtorch's autocast lists decide. The
/// previous state is restored on dispose; leaving the outermost region clears the cache of casted weights.
/// </summary>
public sealed class AutocastScope : IDisposable
{
    private readonly int deviceType;
    private readonly bool previousEnabled;
    private readonly int previousDtype;
    private bool disposed;

    internal AutocastScope(DeviceType device, ScalarType dtype, bool enabled)
    {
        deviceType = (int)device;
        previousEnabled = NativeMethods.Check(NativeMethods.crc_autocast_is_enabled(deviceType)) == 1;
        previousDtype = NativeMethods.Check(NativeMethods.crc_autocast_get_dtype(deviceType));
        NativeMethods.Check(NativeMethods.crc_autocast_set_dtype(deviceType, (int)dtype));
        NativeMethods.Check(NativeMethods.crc_autocast_set_enabled(deviceType, enabled ? 1 : 0));
        NativeMethods.Check(NativeMethods.crc_autocast_increment_nesting());
    }

    /// <summary>Restores the autocast state that was in force when the scope opened.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (NativeMethods.Check(NativeMethods.crc_autocast_decrement_nesting()) == 0)
        {
            NativeMethods.Check(NativeMethods.crc_autocast_clear_cache());
        }

        NativeMethods.Check(NativeMethods.crc_autocast_set_enabled(deviceType, previousEnabled ? 1 : 0));
        NativeMethods.Check(NativeMethods.crc_autocast_set_dtype(deviceType, previousDtype));
    }
}
