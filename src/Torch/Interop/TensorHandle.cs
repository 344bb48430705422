using System.Runtime.InteropServices;

namespace Crucible.Torch.Interop;

/// <summary>
/// Owns one native <c>at::Tensor</c>; released exactly once, by Dispose or the finalizer. A borrowed
/// handle (<see cref="Borrow"/>) points at a tensor that something else owns and frees nothing.
/// </summary>
internal sealed class TensorHandle : SafeHandle
{
    private readonly bool borrowed;

    public TensorHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    /// <summary>Takes ownership of a handle the shim wrote into an out-array.</summary>
    public TensorHandle(IntPtr existing)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(existing);
    }

    private TensorHandle(IntPtr tensor, bool ownsHandle)
        : base(IntPtr.Zero, ownsHandle)
    {
        borrowed = !ownsHandle;
        SetHandle(tensor);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>A handle to a tensor the caller does not own (a parameter's gradient); never freed.</summary>
    public static TensorHandle Borrow(IntPtr tensor) => new(tensor, ownsHandle: false);

    /// <summary>Points a borrowed handle at another tensor that the caller does not own.</summary>
    public void Repoint(IntPtr tensor)
    {
        if (!borrowed)
        {
            throw new InvalidOperationException("Only a borrowed tensor handle can point elsewhere.");
        }

        SetHandle(tensor);
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.crc_tensor_free(handle);
        return true;
    }
}
