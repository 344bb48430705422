using Crucible.Abstractions;

namespace Crucible.Plugins.Metrics.Plugins;

/// <summary>Fraction of samples whose true class is among the k highest scores.</summary>
[Plugin("top-k", Description = "Fraction of samples whose true class is among the k highest scores.")]
public sealed class TopKAccuracyMetric : IMetric<ClassificationOptions>
{
    /// <inheritdoc />
    public IMetricAccumulator Create(ClassificationOptions options, MetricContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        return new ClassificationAccumulator(ClassificationReport.TopK, options, context.Dataset);
    }
}
