namespace Crucible.Torch.Nn;

/// <summary>Helpers of <c>torch.nn.utils</c>: gradient clipping.</summary>
public static class Utils
{
    /// <summary>
    /// Scales the gradients of <paramref name="parameters"/> in place so that their combined
    /// <paramref name="normType"/>-norm is at most <paramref name="maxNorm"/>
    /// (<c>torch.nn.utils.clip_grad_norm_</c>, same arithmetic as PyTorch 1.13). Parameters without
    /// a gradient are skipped.
    /// </summary>
    /// <returns>The total norm of the gradients before clipping, as a 0-dimensional tensor.</returns>
    /// <exception cref="TorchException">The norm is NaN or infinite and <paramref name="errorIfNonfinite"/> is set.</exception>
    public static Tensor ClipGradNorm(IEnumerable<Tensor> parameters, double maxNorm, double normType = 2.0, bool errorIfNonfinite = false)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.NoGrad();
        var grads = parameters.Select(p => p.Grad).OfType<Tensor>().ToList();
        if (grads.Count == 0)
        {
            return torch.ScalarTensor(0f).MoveToOuter();
        }

        var device = grads[0].Device;
        Tensor total;
        if (double.IsPositiveInfinity(normType))
        {
            var norms = grads.Select(g => g.Abs().Max().To(device)).ToList();
            total = norms.Count == 1 ? norms[0] : torch.Stack(norms).Max();
        }
        else
        {
            total = torch.Stack(grads.Select(g => g.Norm(normType).To(device)).ToList()).Norm(normType);
        }

        if (errorIfNonfinite && !total.IsFinite().Item<bool>())
        {
            throw new TorchException(
                $"The total norm of order {normType} of the gradients is non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set errorIfNonfinite to false.");
        }

        var coef = (maxNorm / (total + 1e-6)).Clamp(max: 1.0);
        foreach (var g in grads)
        {
            g.Mul_(coef.To(g.Device));
        }

        return total.MoveToOuter();
    }

    /// <summary>
    /// Clamps every gradient element of <paramref name="parameters"/> into
    /// [-<paramref name="clipValue"/>, <paramref name="clipValue"/>] in place
    /// (<c>torch.nn.utils.clip_grad_value_</c>).
    /// </summary>
    public static void ClipGradValue(IEnumerable<Tensor> parameters, double clipValue)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegative(clipValue);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.NoGrad();
        foreach (var p in parameters)
        {
            p.Grad?.Clamp_(-clipValue, clipValue);
        }
    }
}
