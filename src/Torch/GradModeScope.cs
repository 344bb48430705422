using Crucible.Torch.Interop;

namespace Crucible.Torch;

/// <summary>Sets the thread's gradient mode until disposed, then restores the previous one.</summary>
public sealed class GradModeScope : IDisposable
{
    private readonly bool previous;
    private bool disposed;

    internal GradModeScope(bool enabled)
    {
        previous = torch.IsGradEnabled;
        NativeMethods.Check(NativeMethods.crc_grad_set_enabled(enabled ? 1 : 0));
    }

    /// <summary>Restores the gradient mode that was in force when the scope opened.</summary>
    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            NativeMethods.Check(NativeMethods.crc_grad_set_enabled(previous ? 1 : 0));
        }
    }
}
