using Crucible.Abstractions;

namespace Crucible.Plugins.Metrics.Plugins;

/// <summary>Fraction of samples whose predicted class is the true one.</summary>
[Plugin("accuracy", Description = "Fraction of samples whose predicted class is the true one.")]
public sealed class AccuracyMetric : IMetric<ClassificationOptions>
{
    /// <inheritdoc />
    public IMetricAccumulator Create(ClassificationOptions options, MetricContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        return new ClassificationAccumulator(ClassificationReport.Accuracy, options, context.Dataset);
    }
}
