namespace Crucible.Torch.Interop;

/// <summary>
/// Raw pointers to the native tensors of a list of (possibly null) tensors, for exports that take
/// arrays of handles or optional handles. Each handle's reference count is raised while this
/// object lives, so no tensor can be freed under a native call; dispose it right after the call.
/// </summary>
internal sealed class TensorRefs : IDisposable
{
    private readonly TensorHandle?[] handles;
    private bool released;

    public TensorRefs(IReadOnlyList<Tensor?> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        handles = new TensorHandle?[tensors.Count];
        Pointers = new IntPtr[tensors.Count];
        try
        {
            for (var i = 0; i < tensors.Count; i++)
            {
                var tensor = tensors[i];
                if (tensor is null)
                {
                    continue;
                }

                var handle = tensor.Handle;
                var added = false;
                handle.DangerousAddRef(ref added);
                handles[i] = handle;
                Pointers[i] = handle.DangerousGetHandle();
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>One pointer per tensor; zero where the tensor was null.</summary>
    public IntPtr[] Pointers { get; }

    /// <summary>The pointer of one optional tensor.</summary>
    public static TensorRefs Of(params Tensor?[] tensors) => new(tensors);

    public void Dispose()
    {
        if (released)
        {
            return;
        }

        released = true;
        foreach (var handle in handles)
        {
            handle?.DangerousRelease();
        }
    }
}
