using System.Runtime.InteropServices;

namespace Crucible.Torch.Interop;

/// <summary>
/// P/Invoke declarations for the C-ABI shim, split by area (NativeMethods.*.cs) like the shim's
/// headers. Every call that can fail returns null or -1; <see cref="Check(int)"/> and
/// <see cref="Check(TensorHandle)"/> turn that into a <see cref="TorchException"/> that carries
/// libtorch's message; <see cref="Check{T}(T)"/> does the same for the other handles.
/// </summary>
internal static partial class NativeMethods
{
    internal const string Library = "crucible_torch";

    [LibraryImport(Library)]
    internal static partial IntPtr crc_error_take();

    [LibraryImport(Library)]
    internal static partial void crc_free(IntPtr ptr);

    /// <summary>The handle a native constructor returned; disposed and thrown as libtorch's error when null.</summary>
    internal static T Check<T>(T handle)
        where T : SafeHandle
    {
        if (handle.IsInvalid)
        {
            handle.Dispose();
            throw LastError();
        }

        return handle;
    }

    // The tensor handle's own overload keeps the hot path (every tensor op) free of the generic call.
    internal static TensorHandle Check(TensorHandle handle)
    {
        if (handle.IsInvalid)
        {
            handle.Dispose();
            throw LastError();
        }

        return handle;
    }

    internal static int Check(int status)
    {
        if (status < 0)
        {
            throw LastError();
        }

        return status;
    }

    internal static long Check(long value)
    {
        if (value < 0)
        {
            throw LastError();
        }

        return value;
    }

    internal static TorchException LastError()
    {
        var ptr = crc_error_take();
        if (ptr == IntPtr.Zero)
        {
            return new TorchException("libtorch reported a failure without a message.");
        }

        try
        {
            return TorchException.FromNative(Marshal.PtrToStringUTF8(ptr) ?? string.Empty);
        }
        finally
        {
            crc_free(ptr);
        }
    }
}
