using Crucible.Abstractions;

namespace Crucible.Plugins.Metrics.Plugins;

/// <summary>Area under the ROC curve of a binary classifier's scores.</summary>
[Plugin("roc-auc", Description = "Area under the ROC curve of a binary classifier's scores.")]
public sealed class RocAucMetric : IMetric<ClassificationOptions>
{
    /// <inheritdoc />
    public IMetricAccumulator Create(ClassificationOptions options, MetricContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        return new ClassificationAccumulator(ClassificationReport.RocAuc, options, context.Dataset);
    }
}
