using Crucible.Torch;

namespace Crucible.Host.Training;

/// <summary>
/// Gradient clipping as <c>torch.nn.utils.clip_grad_norm_</c> and <c>clip_grad_value_</c> do it:
/// in place, on the device, without reading the norm back to the host.
/// </summary>
internal static class GradientClipping
{
    /// <summary>
    /// Scales every gradient by <c>min(1, maxNorm / (total_norm + 1e-6))</c>, where the total norm is
    /// the <paramref name="normType"/>-norm of the per-tensor norms (the max for infinity).
    /// </summary>
    public static void ClipNorm(IEnumerable<Tensor> parameters, double maxNorm, double normType = 2.0)
    {
        using var scope = torch.NewDisposeScope();
        var grads = parameters.Select(p => p.Grad).OfType<Tensor>().ToList();
        if (grads.Count == 0)
        {
            return;
        }

        var total = torch.Stack(grads.Select(g => g.Norm(normType)).ToList()).Norm(normType);
        var coefficient = (maxNorm / (total + 1e-6)).Clamp(max: 1.0);
        foreach (var g in grads)
        {
            g.Mul_(coefficient);
        }
    }

    /// <summary>Clamps every gradient element to <c>[-clipValue, clipValue]</c>.</summary>
    public static void ClipValue(IEnumerable<Tensor> parameters, double clipValue)
    {
        using var scope = torch.NewDisposeScope();
        foreach (var p in parameters)
        {
            p.Grad?.Clamp_(-clipValue, clipValue);
        }
    }
}
