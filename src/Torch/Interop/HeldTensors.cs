namespace Crucible.Torch.Interop;

/// <summary>
/// The native pointers of a list of tensors for one native call, written into the caller's stack buffer
/// when they fit, each tensor's handle held until disposed so that no other thread
/// can free it during the call: <see cref="TensorRefs"/> without allocating, for the
/// <c>_foreach_*</c> ops that an optimizer step calls several times.
/// </summary>
internal ref struct HeldTensors
{
    /// <summary>The size of the stack buffer a caller passes: longer lists get an array.</summary>
    public const int StackLimit = 16;

    private readonly IReadOnlyList<Tensor> tensors;
    private int held;

    public HeldTensors(IReadOnlyList<Tensor> tensors, Span<IntPtr> buffer)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        this.tensors = tensors;
        Pointers = tensors.Count <= buffer.Length ? buffer[..tensors.Count] : new IntPtr[tensors.Count];
        try
        {
            for (var i = 0; i < tensors.Count; i++)
            {
                var handle = tensors[i].Handle;
                var added = false;
                handle.DangerousAddRef(ref added);
                held++;
                Pointers[i] = handle.DangerousGetHandle();
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>One pointer per tensor.</summary>
    public Span<IntPtr> Pointers { get; }

    public void Dispose()
    {
        for (var i = 0; i < held; i++)
        {
            tensors[i].HeldHandle.DangerousRelease();
        }

        held = 0;
    }
}
