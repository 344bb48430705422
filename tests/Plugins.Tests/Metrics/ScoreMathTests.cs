using Crucible.Plugins.Metrics.Math;
using Crucible.Plugins.Metrics.Plugins;
using Crucible.Torch;

namespace Crucible.Plugins.Tests.Metrics;

public class ScoreMathTests
{
    [Fact]
    public void Predictions_are_the_arg_max_of_each_row_or_a_threshold_on_one_logit()
    {
        using var scope = torch.NewDisposeScope();
        var scores = torch.Tensor(new float[] { 0.1f, 0.7f, 0.2f, 3f, -1f, 2f }, [2, 3]);
        BatchReader.Predictions(BatchReader.Rows(scores), 0.5).ToArray<long>().Should().Equal(1, 0);

        var logits = torch.Tensor(new float[] { 0.2f, 0.6f, 0.5f }, [3, 1]);
        BatchReader.Predictions(BatchReader.Rows(logits), 0.5).ToArray<long>().Should().Equal(0, 1, 0);
    }

    [Fact]
    public void Top_k_hits_mark_the_rows_whose_label_is_among_the_k_best()
    {
        using var scope = torch.NewDisposeScope();
        var rows = torch.Tensor(new float[] { 0.1f, 0.5f, 0.3f, 0.1f, /* */ 0.4f, 0.3f, 0.2f, 0.1f }, [2, 4]);
        var labels = torch.Tensor(new long[] { 2, 3 });
        BatchReader.TopKHits(rows, labels, 1).ToArray<long>().Should().Equal(0, 0);
        BatchReader.TopKHits(rows, labels, 2).ToArray<long>().Should().Equal(1, 0);
        BatchReader.TopKHits(rows, labels, 4).ToArray<long>().Should().Equal(1, 1);
        BatchReader.TopKHits(rows, labels, 9).ToArray<long>().Should().Equal([1L, 1L], "k beyond the class count means every class");
    }

    [Fact]
    public void Roc_auc_is_the_fraction_of_correctly_ordered_pairs()
    {
        // Positives 0.8, 0.4; negatives 0.5, 0.1: of 4 pairs, 3 are ordered right.
        ClassificationMath.RocAuc([0.8f, 0.5f, 0.4f, 0.1f], [1, 0, 1, 0]).Should().BeApproximately(0.75, 1e-12);
        ClassificationMath.RocAuc([0.9f, 0.8f, 0.1f], [1, 1, 0]).Should().Be(1);
    }

    [Fact]
    public void Roc_auc_counts_ties_as_half()
    {
        ClassificationMath.RocAuc([0.5f, 0.5f, 0.5f, 0.5f], [1, 0, 1, 0]).Should().BeApproximately(0.5, 1e-12);
        ClassificationMath.RocAuc([0.7f, 0.5f, 0.5f], [1, 1, 0]).Should().BeApproximately(0.75, 1e-12);
    }

    [Fact]
    public void Roc_auc_is_undefined_with_one_class()
    {
        double.IsNaN(ClassificationMath.RocAuc([0.1f, 0.2f], [1, 1])).Should().BeTrue();
    }

    [Fact]
    public void Regression_errors_match_hand_computation()
    {
        // errors: 0.5, -0.5, 0, 1 -> MSE 0.375, MAE 0.5; targets 3,-0.5,2,7 mean 2.875, SS_tot 29.1875.
        var r = new RegressionMath();
        r.Add([2.5f, 0f], [3f, -0.5f]);
        r.Add([2f, 8f], [2f, 7f]);
        r.MeanSquaredError.Should().BeApproximately(0.375, 1e-12);
        r.RootMeanSquaredError.Should().BeApproximately(Math.Sqrt(0.375), 1e-12);
        r.MeanAbsoluteError.Should().BeApproximately(0.5, 1e-12);
        r.RSquared.Should().BeApproximately(1 - (1.5 / 29.1875), 1e-12);
    }

    [Fact]
    public void R_squared_of_constant_targets_is_one_only_for_a_perfect_fit()
    {
        var perfect = new RegressionMath();
        perfect.Add([2f, 2f], [2f, 2f]);
        perfect.RSquared.Should().Be(1);
        var off = new RegressionMath();
        off.Add([1f, 3f], [2f, 2f]);
        off.RSquared.Should().Be(0);
    }
}
