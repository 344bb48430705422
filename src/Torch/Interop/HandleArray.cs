namespace Crucible.Torch.Interop;

/// <summary>Passes a list of tensors to the shim as an array of raw handles, kept alive for the call.</summary>
internal static unsafe class HandleArray
{
    private const int StackLimit = 32;

    public static TensorHandle Call(IReadOnlyList<Tensor> tensors, long dim, delegate*<IntPtr*, int, long, TensorHandle> native)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var count = tensors.Count;
        var handles = new TensorHandle[count];
        Span<IntPtr> raw = count <= StackLimit ? stackalloc IntPtr[count] : new IntPtr[count];
        var added = 0;
        try
        {
            for (; added < count; added++)
            {
                var h = Tensor.H(tensors[added]);
                var ok = false;
                h.DangerousAddRef(ref ok);
                handles[added] = h;
                raw[added] = h.DangerousGetHandle();
            }

            fixed (IntPtr* p = raw)
            {
                return native(p, count, dim);
            }
        }
        finally
        {
            for (var i = 0; i < added; i++)
            {
                handles[i].DangerousRelease();
            }
        }
    }
}
