namespace Crucible.Host.Training;

/// <summary>The settings of <c>crucible lr-find</c> (Lightning's <c>lr_find</c> defaults).</summary>
internal sealed record LrFindOptions
{
    /// <summary>The first learning rate tried. Defaults to 1e-8.</summary>
    public double MinLr { get; init; } = 1e-8;

    /// <summary>The last learning rate tried. Defaults to 1.</summary>
    public double MaxLr { get; init; } = 1;

    /// <summary>Training steps of the ramp (batches; the data is cycled when it has fewer). Defaults to 100.</summary>
    public int Steps { get; init; } = 100;

    /// <summary>Stop once the smoothed loss exceeds this many times its best value. Defaults to 4.</summary>
    public double DivergenceThreshold { get; init; } = 4;
}
