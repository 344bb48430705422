using System.Globalization;
using Crucible.Abstractions;
using Crucible.Plugins.Metrics.Imaging;
using Crucible.Plugins.Metrics.Math;

namespace Crucible.Plugins.Metrics.Plugins;

/// <summary>What a classification accumulator reports.</summary>
internal enum ClassificationReport
{
    Accuracy,
    TopK,
    PrecisionRecallF1,
    ConfusionMatrix,
    RocAuc,
}

/// <summary>
/// Accumulates a whole pass's predictions on the device and computes one of the classification
/// reports from them, reading them back once per pass.
/// </summary>
internal sealed class ClassificationAccumulator : IMetricAccumulator
{
    private readonly ClassificationReport report;
    private readonly ClassificationOptions options;
    private readonly DatasetMetadata dataset;
    private readonly DeviceBatches predicted = new();
    private readonly DeviceBatches truth = new();
    private readonly DeviceBatches scores = new();
    private readonly DeviceBatches topHits = new();
    private ConfusionMatrix? last;
    private (float[] Scores, long[] Labels)? lastScores;

    public ClassificationAccumulator(ClassificationReport report, ClassificationOptions options, DatasetMetadata dataset)
    {
        this.report = report;
        this.options = options;
        this.dataset = dataset;
        if (dataset.TaskKind != TaskKind.Classification)
        {
            throw new ExperimentConfigException($"The {report} metric needs a classification dataset, but '{dataset.Name}' is a regression one.");
        }
    }

    private int Classes => System.Math.Max(2, dataset.NumClasses);

    public void Reset()
    {
        predicted.Clear();
        truth.Clear();
        scores.Clear();
        topHits.Clear();
    }

    public void Update(Crucible.Torch.Tensor output, Crucible.Torch.Tensor target)
    {
        var rows = BatchReader.Rows(output);
        var labels = BatchReader.Labels(target);
        predicted.Add(BatchReader.Predictions(rows, options.Threshold));
        truth.Add(labels);
        if (report == ClassificationReport.TopK)
        {
            topHits.Add(BatchReader.TopKHits(rows, labels, options.K));
        }

        if (report == ClassificationReport.RocAuc)
        {
            scores.Add(BatchReader.PositiveScores(rows));
        }
    }

    public IReadOnlyDictionary<string, double> Compute()
    {
        var labels = truth.Read<long>();
        var matrix = ConfusionMatrix.From(predicted.Read<long>(), labels, Classes);
        last = matrix;
        var suffix = options.Average.ToString().ToLowerInvariant();
        return report switch
        {
            ClassificationReport.Accuracy => new Dictionary<string, double> { ["accuracy"] = matrix.Accuracy() },
            ClassificationReport.TopK => new Dictionary<string, double> { [string.Create(CultureInfo.InvariantCulture, $"top{options.K}_accuracy")] = labels.Length == 0 ? 0 : (double)topHits.Read<long>().Sum() / labels.Length },
            ClassificationReport.PrecisionRecallF1 => new Dictionary<string, double>
            {
                [$"precision_{suffix}"] = matrix.Precision(options.Average),
                [$"recall_{suffix}"] = matrix.Recall(options.Average),
                [$"f1_{suffix}"] = matrix.F1(options.Average),
            },
            ClassificationReport.RocAuc => RocAuc(labels),
            _ => new Dictionary<string, double>(),
        };
    }

    /// <summary>
    /// The confusion matrix as CSV and chart, or for ROC-AUC the ROC and precision-recall curves
    /// (when both classes occur in the pass, so the curves are defined).
    /// </summary>
    public IReadOnlyList<string> WriteArtifacts(string directory, string split)
    {
        if (report == ClassificationReport.RocAuc && lastScores is { } s)
        {
            var curves = BinaryCurves.From(s.Scores, s.Labels);
            if (!curves.Defined)
            {
                return [];
            }

            var roc = Path.Combine(directory, $"roc_curve_{split}.png");
            RocCurveChart.Save(curves, ClassificationMath.RocAuc(s.Scores, s.Labels), split, roc);
            var pr = Path.Combine(directory, $"precision_recall_{split}.png");
            PrecisionRecallChart.Save(curves, split, pr);
            return [roc, pr];
        }

        if (report != ClassificationReport.ConfusionMatrix || last is null)
        {
            return [];
        }

        var names = last.Names(dataset.ClassNames?.Count == last.Classes ? dataset.ClassNames : null);
        var csv = Path.Combine(directory, $"confusion_matrix_{split}.csv");
        File.WriteAllText(csv, last.ToCsv(names));
        var png = Path.Combine(directory, $"confusion_matrix_{split}.png");
        ConfusionMatrixChart.Save(last, names, split, png);
        return [csv, png];
    }

    private Dictionary<string, double> RocAuc(long[] labels)
    {
        var read = scores.Read<float>();
        lastScores = (read, labels);
        return new Dictionary<string, double> { ["roc_auc"] = ClassificationMath.RocAuc(read, labels) };
    }

    public void Dispose()
    {
        predicted.Dispose();
        truth.Dispose();
        scores.Dispose();
        topHits.Dispose();
    }
}
