using Crucible.Abstractions;

namespace Crucible.Plugins.Metrics.Plugins;

/// <summary>Precision, recall and F1, binary or averaged (macro, micro, weighted).</summary>
[Plugin("precision-recall-f1", Description = "Precision, recall and F1, binary or averaged (macro, micro, weighted).")]
public sealed class PrecisionRecallF1Metric : IMetric<ClassificationOptions>
{
    /// <inheritdoc />
    public IMetricAccumulator Create(ClassificationOptions options, MetricContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        return new ClassificationAccumulator(ClassificationReport.PrecisionRecallF1, options, context.Dataset);
    }
}
