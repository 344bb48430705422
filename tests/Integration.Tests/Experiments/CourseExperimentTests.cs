using System.Globalization;
using Crucible.Integration.Tests.Models;

namespace Crucible.Integration.Tests.Experiments;

/// <summary>
/// The course's small experiments, trained through the CLI exactly as a student runs them; each
/// asserts the result the course teaches, computed here independently of Crucible.
/// </summary>
public sealed class CourseExperimentTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    [RunsExperiment("linear-regression-height-weight")]
    public async Task Height_weight_regression_finds_the_least_squares_line_and_predicts_178_cm()
    {
        double[] heights = [174, 152, 138, 128, 186];
        double[] weights = [71, 55, 46, 38, 88];
        var (slope, intercept) = LeastSquares(heights, weights);

        var (result, run) = await ExperimentFiles.RunAsync(workspace, "linear-regression-height-weight");

        run.History("slope")[^1].Should().BeApproximately(slope, 1e-3);
        run.History("intercept")[^1].Should().BeApproximately(intercept, 0.1);
        run.History("prediction_0").Single().Should().BeApproximately((slope * 178) + intercept, 0.01);
        run.History("test_r2").Single().Should().BeApproximately(RSquared(heights, weights, slope, intercept), 1e-4);
        File.ReadAllText(Path.Combine(run.ArtifactsDirectory, "predictions", "custom.csv")).Should().StartWith("height_cm,weight_kg");
        result.StandardOutput.Should().Contain("weight_kg = 0.82").And.Contain("Prediction for [178]");
        await TrainedModelChecks.PredictAndServeGiveTheTestMetricAsync(workspace, run);
    }

    [Fact]
    [RunsExperiment("linear-regression-lab")]
    public async Task Lab_regression_finds_the_least_squares_line()
    {
        double[] x = [1, 2, 3, 4, 5];
        double[] y = [1.0, 2.0, 1.6, 3.8, 2.3];
        var (slope, intercept) = LeastSquares(x, y);

        var (_, run) = await ExperimentFiles.RunAsync(workspace, "linear-regression-lab");

        run.History("slope")[^1].Should().BeApproximately(slope, 1e-3);
        run.History("intercept")[^1].Should().BeApproximately(intercept, 1e-3);
        run.History("prediction_0").Single().Should().BeApproximately((slope * 6) + intercept, 1e-2);
        run.History("test_r2").Single().Should().BeApproximately(RSquared(x, y, slope, intercept), 1e-4);
        await TrainedModelChecks.PredictAndServeGiveTheTestMetricAsync(workspace, run);
    }

    [Theory]
    [InlineData("xor", new[] { 0.0, 1, 1, 0 })]
    [InlineData("or", new[] { 0.0, 1, 1, 1 })]
    [RunsExperiment("xor")]
    [RunsExperiment("or")]
    public async Task Truth_table_networks_predict_all_four_inputs(string name, double[] truth)
    {
        var (result, run) = await ExperimentFiles.RunAsync(workspace, name);

        var rows = File.ReadAllLines(Path.Combine(run.ArtifactsDirectory, "predictions", "test.csv"));
        rows[0].Should().Be("input_0,input_1,target,output");
        var predictions = rows.Skip(1).Select(r => r.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
        predictions.Select(p => (p[0], p[1])).Should().Equal((0, 0), (0, 1), (1, 0), (1, 1));
        predictions.Select(p => p[2]).Should().Equal(truth);
        predictions.Should().AllSatisfy(p => p[3].Should().BeApproximately(p[2], 0.2, $"{name}({p[0]}, {p[1]}) must be learned"));
        result.StandardOutput.Should().Contain("Prediction [1, 1] target [");
        await TrainedModelChecks.PredictAndServeGiveTheTestMetricAsync(workspace, run);
    }

    [Fact]
    [RunsExperiment("logistic-breast-cancer")]
    public async Task Logistic_regression_classifies_breast_cancer()
    {
        var (_, run) = await ExperimentFiles.RunAsync(workspace, "logistic-breast-cancer");

        run.History("test_accuracy").Single().Should().BeGreaterThanOrEqualTo(0.95);
        run.History("test_roc_auc").Single().Should().BeGreaterThanOrEqualTo(0.98);
        run.History("test_f1_binary").Single().Should().BeGreaterThanOrEqualTo(0.95);
        run.Artifacts.Should().Contain(a => a.EndsWith("confusion_matrix_test.csv", StringComparison.Ordinal));

        // A binary classifier's pictures: ROC and precision-recall curves, the labelled confusion
        // matrix, and a learning curve per metric (train against validation).
        run.Artifacts.Should().Contain(
        [
            "plots/roc_curve_test.png", "plots/precision_recall_test.png", "plots/confusion_matrix_test.png",
            "plots/roc_curve_val.png", "plots/learning_curve_loss.png", "plots/learning_curve_accuracy.png", "plots/learning_curve_roc_auc.png",
        ]);
        using var roc = SkiaSharp.SKBitmap.Decode(Path.Combine(run.ArtifactsDirectory, "plots", "roc_curve_test.png"));
        (roc.Width, roc.Height).Should().Be((600, 600));
        await TrainedModelChecks.PredictAndServeGiveTheTestMetricAsync(workspace, run);
    }

    [Fact]
    [RunsExperiment("softmax-iris")]
    public async Task Softmax_regression_classifies_iris()
    {
        var (_, run) = await ExperimentFiles.RunAsync(workspace, "softmax-iris");

        run.History("test_accuracy").Single().Should().BeGreaterThanOrEqualTo(0.9);
        run.History("test_f1_macro").Single().Should().BeGreaterThanOrEqualTo(0.9);
        var matrix = File.ReadAllLines(Directory.EnumerateFiles(run.ArtifactsDirectory, "confusion_matrix_test.csv", SearchOption.AllDirectories).Single());
        matrix.Length.Should().Be(4, "a header and one row per species");
        await TrainedModelChecks.PredictAndServeGiveTheTestMetricAsync(workspace, run);
    }

    private static (double Slope, double Intercept) LeastSquares(double[] x, double[] y)
    {
        var mx = x.Average();
        var my = y.Average();
        var slope = x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum() / x.Sum(a => (a - mx) * (a - mx));
        return (slope, my - (slope * mx));
    }

    private static double RSquared(double[] x, double[] y, double slope, double intercept)
    {
        var my = y.Average();
        var residual = x.Zip(y, (a, b) => Math.Pow(b - ((slope * a) + intercept), 2)).Sum();
        return 1 - (residual / y.Sum(b => (b - my) * (b - my)));
    }
}
