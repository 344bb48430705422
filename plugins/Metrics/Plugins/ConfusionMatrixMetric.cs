using Crucible.Abstractions;

namespace Crucible.Plugins.Metrics.Plugins;

/// <summary>The confusion matrix, recorded as CSV and PNG artifacts.</summary>
[Plugin("confusion-matrix", Description = "The confusion matrix, recorded as CSV and PNG artifacts.")]
public sealed class ConfusionMatrixMetric : IMetric<ClassificationOptions>
{
    /// <inheritdoc />
    public IMetricAccumulator Create(ClassificationOptions options, MetricContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        return new ClassificationAccumulator(ClassificationReport.ConfusionMatrix, options, context.Dataset);
    }
}
