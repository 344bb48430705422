namespace Crucible.Torch.Amp;

/// <summary>
/// Loss scaling for float16 training (<c>torch.cuda.amp.GradScaler</c>, same defaults): the loss is
/// multiplied by <see cref="Scale"/> before backward so small gradients do not flush to zero in
/// float16; before the optimizer step the gradients are divided back, and a step whose gradients
/// hold an infinity or NaN is skipped and the scale halved; after <see cref="GrowthInterval"/> good
/// steps in a row the scale doubles.
/// </summary>
public sealed class GradScaler
{
    /// <summary>Creates a scaler (PyTorch's defaults: 2^16, x2 growth, x0.5 backoff, every 2000 steps).</summary>
    public GradScaler(double initScale = 65536.0, double growthFactor = 2.0, double backoffFactor = 0.5, int growthInterval = 2000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initScale);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(growthFactor, 1.0);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(backoffFactor);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(backoffFactor, 1.0);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(growthInterval);
        Scale = initScale;
        GrowthFactor = growthFactor;
        BackoffFactor = backoffFactor;
        GrowthInterval = growthInterval;
    }

    /// <summary>The factor the loss is multiplied by before backward.</summary>
    public double Scale { get; private set; }

    /// <summary>The scale's growth after <see cref="GrowthInterval"/> steps without an overflow.</summary>
    public double GrowthFactor { get; }

    /// <summary>The scale's factor after a step with an overflow.</summary>
    public double BackoffFactor { get; }

    /// <summary>Good steps in a row before the scale grows.</summary>
    public int GrowthInterval { get; }

    /// <summary>Good steps since the last growth or overflow.</summary>
    public int GrowthTracker { get; private set; }

    /// <summary>Steps skipped because their gradients overflowed.</summary>
    public long SkippedSteps { get; private set; }

    /// <summary>
    /// Sets the state a checkpoint kept (<c>scaler.load_state_dict</c>): the scale, the good steps
    /// since the last growth or overflow, and the skipped steps, so a resumed run scales, skips and
    /// grows exactly as the uninterrupted one.
    /// </summary>
    public void Restore(double scale, int growthTracker, long skippedSteps)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        ArgumentOutOfRangeException.ThrowIfNegative(growthTracker);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(growthTracker, GrowthInterval);
        ArgumentOutOfRangeException.ThrowIfNegative(skippedSteps);
        Scale = scale;
        GrowthTracker = growthTracker;
        SkippedSteps = skippedSteps;
    }

    /// <summary>The loss times <see cref="Scale"/>, to call backward on (<c>scaler.scale(loss)</c>).</summary>
    public Tensor ScaleLoss(Tensor loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        return loss * Scale;
    }

    /// <summary>
    /// Divides the gradients of <paramref name="parameters"/> by <see cref="Scale"/> in place
    /// (<c>scaler.unscale_(optimizer)</c>, before clipping) and says whether they are all finite.
    /// </summary>
    public bool Unscale(IEnumerable<Tensor> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.NoGrad();
        var finite = true;
        foreach (var grad in parameters.Select(p => p.Grad).OfType<Tensor>())
        {
            grad.Mul_(1.0 / Scale);
            finite &= grad.IsFinite().All().Item<bool>();
        }

        return finite;
    }

    /// <summary>
    /// After a step (taken when <paramref name="finite"/>, skipped otherwise): halves the scale on an
    /// overflow, doubles it after <see cref="GrowthInterval"/> good steps (<c>scaler.update()</c>).
    /// </summary>
    public void Update(bool finite)
    {
        if (!finite)
        {
            Scale *= BackoffFactor;
            GrowthTracker = 0;
            SkippedSteps++;
            return;
        }

        if (++GrowthTracker == GrowthInterval)
        {
            Scale *= GrowthFactor;
            GrowthTracker = 0;
        }
    }
}
