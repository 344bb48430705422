using Crucible.Torch.Interop;

namespace Crucible.Torch;

#pragma warning disable CS8981, IDE1006 // Named like PyTorch's module.
public static partial class torch
#pragma warning restore CS8981, IDE1006
{
    /// <summary>
    /// Disables gradient recording on this thread until disposed (<c>with torch.no_grad():</c>).
    /// </summary>
    public static GradModeScope NoGrad() => new(enabled: false);

    /// <summary>Enables gradient recording on this thread until disposed (<c>torch.enable_grad()</c>).</summary>
    public static GradModeScope EnableGrad() => new(enabled: true);

    /// <summary>Whether gradient recording is on for this thread (<c>torch.is_grad_enabled()</c>).</summary>
    public static bool IsGradEnabled => NativeMethods.crc_grad_is_enabled() == 1;
}
