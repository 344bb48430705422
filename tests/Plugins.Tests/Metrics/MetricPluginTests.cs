using Crucible.Abstractions;
using Crucible.Plugins.Metrics.Math;
using Crucible.Plugins.Metrics.Plugins;
using Crucible.Torch;

namespace Crucible.Plugins.Tests.Metrics;

public sealed class MetricPluginTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("crucible-metrics-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static MetricContext Context(int classes, ColumnScaling? targetScaling = null) => new()
    {
        Dataset = new DatasetMetadata
        {
            Name = "t",
            FeatureShape = [2],
            TaskKind = classes > 0 ? TaskKind.Classification : TaskKind.Regression,
            NumClasses = classes,
            OutputSize = classes > 0 ? classes : 1,
            ClassNames = classes == 3 ? ["a", "b", "c"] : null,
            TargetScaling = targetScaling,
        },
    };

    [Fact]
    public void Accuracy_is_exact_over_batches_of_different_sizes()
    {
        using var acc = new AccuracyMetric().Create(new ClassificationOptions(), Context(3));
        using var scope = torch.NewDisposeScope();

        // Batch 1: 1 of 1 right; batch 2: 1 of 3 right. Exact: 2/4, not the mean of ratios (2/3).
        acc.Update(torch.Tensor<float>([0f, 5f, 1f], [1, 3]), torch.Tensor<long>([1L]));
        acc.Update(torch.Tensor<float>([9f, 0f, 0f, 9f, 0f, 0f, 0f, 0f, 9f], [3, 3]), torch.Tensor<long>([1L, 1L, 2L]));
        acc.Compute()["accuracy"].Should().Be(0.5);
        acc.Reset();
        acc.Update(torch.Tensor<float>([0f, 5f, 1f], [1, 3]), torch.Tensor<long>([1L]));
        acc.Compute()["accuracy"].Should().Be(1);
    }

    [Fact]
    public void Batches_outlive_the_per_batch_dispose_scope_the_trainer_updates_in()
    {
        using var acc = new AccuracyMetric().Create(new ClassificationOptions(), Context(3));
        using var regression = new RegressionMetric().Create(new NoOptions(), Context(0));
        for (var b = 0; b < 3; b++)
        {
            // Each batch's tensors die with its scope, as in the training loop; the metric keeps its own.
            using var scope = torch.NewDisposeScope();
            var label = (long)b;
            acc.Update(torch.Tensor<float>([b == 0 ? 1f : 0f, b == 1 ? 1f : 0f, 0f], [1, 3]), torch.Tensor<long>([label]));
            regression.Update(torch.Tensor<float>([b], [1, 1]), torch.Tensor<float>([b + 1f], [1, 1]));
        }

        acc.Compute()["accuracy"].Should().BeApproximately(2.0 / 3, 1e-12);
        regression.Compute()["mae"].Should().Be(1);
    }

    [Fact]
    public void Single_logit_outputs_with_float_targets_are_thresholded()
    {
        using var acc = new AccuracyMetric().Create(new ClassificationOptions { Threshold = 0.5 }, Context(2));
        using var scope = torch.NewDisposeScope();
        acc.Update(torch.Tensor<float>([0.9f, 0.2f, 0.6f, 0.4f], [4, 1]), torch.Tensor<float>([1f, 0f, 0f, 0f], [4, 1]));
        acc.Compute()["accuracy"].Should().Be(0.75);
    }

    [Fact]
    public void Precision_recall_f1_report_under_the_averaging_name()
    {
        using var m = new PrecisionRecallF1Metric().Create(new ClassificationOptions { Average = Averaging.Binary }, Context(2));
        using var scope = torch.NewDisposeScope();
        m.Update(torch.Tensor<float>([1f, -1f, 1f, 1f, -1f], [5, 1]), torch.Tensor<long>([1L, 1L, 1L, 0L, 0L]));
        var values = m.Compute();
        values["precision_binary"].Should().BeApproximately(2.0 / 3, 1e-12);
        values["recall_binary"].Should().BeApproximately(2.0 / 3, 1e-12);
        values["f1_binary"].Should().BeApproximately(2.0 / 3, 1e-12);
    }

    [Fact]
    public void Confusion_matrix_writes_csv_and_png_artifacts()
    {
        using var m = new ConfusionMatrixMetric().Create(new ClassificationOptions(), Context(3));
        using var scope = torch.NewDisposeScope();
        m.Update(torch.Tensor<float>([1f, 0f, 0f, 0f, 1f, 0f], [2, 3]), torch.Tensor<long>([0L, 2L]));
        m.Compute();
        var files = m.WriteArtifacts(dir, "test");
        files.Select(Path.GetFileName).Should().Equal("confusion_matrix_test.csv", "confusion_matrix_test.png");
        File.ReadAllText(files[0]).Should().Be("true\\predicted,a,b,c\na,1,0,0\nb,0,0,0\nc,0,1,0\n");
        File.ReadAllBytes(files[1])[1..4].Should().Equal((byte)'P', (byte)'N', (byte)'G');
    }

    [Fact]
    public void Roc_auc_and_top_k_from_scores()
    {
        using var auc = new RocAucMetric().Create(new ClassificationOptions(), Context(2));
        using var top = new TopKAccuracyMetric().Create(new ClassificationOptions { K = 2 }, Context(3));
        using var scope = torch.NewDisposeScope();
        auc.Update(torch.Tensor<float>([0.8f, 0.5f, 0.4f, 0.1f], [4, 1]), torch.Tensor<long>([1L, 0L, 1L, 0L]));
        auc.Compute()["roc_auc"].Should().BeApproximately(0.75, 1e-12);
        top.Update(torch.Tensor<float>([3f, 2f, 1f, 3f, 2f, 1f], [2, 3]), torch.Tensor<long>([1L, 2L]));
        top.Compute()["top2_accuracy"].Should().Be(0.5);
    }

    [Fact]
    public void Regression_errors_are_reported_in_the_data_units()
    {
        // Targets were scaled as (y - 100) / 10; an error of 0.5 scaled units is 5 in the data.
        using var m = new RegressionMetric().Create(new NoOptions(), Context(0, new ColumnScaling([100.0], [10.0])));
        using var scope = torch.NewDisposeScope();
        m.Update(torch.Tensor<float>([0.5f, 1f], [2, 1]), torch.Tensor<float>([0f, 1f], [2, 1]));
        var values = m.Compute();
        values["mae"].Should().BeApproximately(2.5, 1e-5);
        values["rmse"].Should().BeApproximately(System.Math.Sqrt(12.5), 1e-5);
    }

    [Fact]
    public void Classification_metrics_refuse_regression_data()
    {
        var act = () => new AccuracyMetric().Create(new ClassificationOptions(), Context(0));
        act.Should().Throw<ExperimentConfigException>();
    }
}
