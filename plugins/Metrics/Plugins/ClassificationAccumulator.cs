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

/// <summary>Accumulates a whole pass's predictions and computes one of the classification reports from them.</summary>
internal sealed class ClassificationAccumulator : IMetricAccumulator
{
    private readonly ClassificationReport report;
    private readonly ClassificationOptions options;
    private readonly DatasetMetadata dataset;
    private readonly List<long> predicted = [];
    private readonly List<long> truth = [];
    private readonly List<float> scores = [];
    private int columns;
    private long topHits;
    private ConfusionMatrix? last;

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
        topHits = 0;
    }

    public void Update(Crucible.Torch.Tensor output, Crucible.Torch.Tensor target)
    {
        var (values, width) = BatchReader.Outputs(output);
        var labels = BatchReader.Labels(target);
        columns = width;
        predicted.AddRange(BatchReader.Predictions(values, width, options.Threshold));
        truth.AddRange(labels);
        if (report == ClassificationReport.TopK)
        {
            topHits += width == 1 ? labels.Length : ClassificationMath.TopKHits(values, labels, width, System.Math.Min(options.K, width));
        }

        if (report == ClassificationReport.RocAuc)
        {
            // The score of class 1: the logit itself, or the margin of class 1 over class 0.
            for (var i = 0; i < labels.Length; i++)
            {
                scores.Add(width == 1 ? values[i] : values[(i * width) + 1] - values[i * width]);
            }
        }
    }

    public IReadOnlyDictionary<string, double> Compute()
    {
        var matrix = ConfusionMatrix.From(predicted.ToArray(), truth.ToArray(), Classes);
        last = matrix;
        var suffix = options.Average.ToString().ToLowerInvariant();
        return report switch
        {
            ClassificationReport.Accuracy => new Dictionary<string, double> { ["accuracy"] = matrix.Accuracy() },
            ClassificationReport.TopK => new Dictionary<string, double> { [string.Create(CultureInfo.InvariantCulture, $"top{options.K}_accuracy")] = truth.Count == 0 ? 0 : (double)topHits / truth.Count },
            ClassificationReport.PrecisionRecallF1 => new Dictionary<string, double>
            {
                [$"precision_{suffix}"] = matrix.Precision(options.Average),
                [$"recall_{suffix}"] = matrix.Recall(options.Average),
                [$"f1_{suffix}"] = matrix.F1(options.Average),
            },
            ClassificationReport.RocAuc => new Dictionary<string, double> { ["roc_auc"] = ClassificationMath.RocAuc(scores.ToArray(), truth.ToArray()) },
            _ => new Dictionary<string, double>(),
        };
    }

    public IReadOnlyList<string> WriteArtifacts(string directory, string split)
    {
        if (report != ClassificationReport.ConfusionMatrix || last is null)
        {
            return [];
        }

        var csv = Path.Combine(directory, $"confusion_matrix_{split}.csv");
        File.WriteAllText(csv, last.ToCsv(dataset.ClassNames?.Count == last.Classes ? dataset.ClassNames : null));
        var png = Path.Combine(directory, $"confusion_matrix_{split}.png");
        File.WriteAllBytes(png, ConfusionMatrixImage.RenderPng(last));
        return [csv, png];
    }

    public void Dispose()
    {
    }
}
