using Crucible.Plugins.Metrics.Math;

namespace Crucible.Plugins.Tests.Metrics;

public class ConfusionMatrixTests
{
    // truth:     0 0 0 1 1 2 2 2 2
    // predicted: 0 0 1 1 2 2 2 2 0
    // Per class: tp = 2, 1, 3; fp = 1, 1, 1; fn = 1, 1, 1; support = 3, 2, 4.
    private static readonly long[] Truth = [0, 0, 0, 1, 1, 2, 2, 2, 2];
    private static readonly long[] Predicted = [0, 0, 1, 1, 2, 2, 2, 2, 0];

    private static ConfusionMatrix Matrix() => ConfusionMatrix.From(Predicted, Truth, 3);

    [Fact]
    public void Rows_are_truth_and_columns_predictions()
    {
        var m = Matrix();
        m[0, 0].Should().Be(2);
        m[0, 1].Should().Be(1);
        m[1, 2].Should().Be(1);
        m[2, 0].Should().Be(1);
        m[2, 2].Should().Be(3);
        m.Total.Should().Be(9);
        m.Accuracy().Should().BeApproximately(6.0 / 9, 1e-12);
    }

    [Fact]
    public void Macro_averages_per_class_scores()
    {
        var m = Matrix();

        // precision 2/3, 1/2, 3/4; recall 2/3, 1/2, 3/4 (each class has fp = fn = 1).
        m.Precision(Averaging.Macro).Should().BeApproximately(((2.0 / 3) + 0.5 + 0.75) / 3, 1e-12);
        m.Recall(Averaging.Macro).Should().BeApproximately(((2.0 / 3) + 0.5 + 0.75) / 3, 1e-12);
        m.F1(Averaging.Macro).Should().BeApproximately(((2.0 / 3) + 0.5 + 0.75) / 3, 1e-12);
    }

    [Fact]
    public void Weighted_averages_by_support_and_micro_equals_accuracy_for_single_label_data()
    {
        var m = Matrix();
        m.Recall(Averaging.Weighted).Should().BeApproximately(((3 * (2.0 / 3)) + (2 * 0.5) + (4 * 0.75)) / 9, 1e-12);
        m.Precision(Averaging.Micro).Should().BeApproximately(6.0 / 9, 1e-12);
        m.F1(Averaging.Micro).Should().BeApproximately(6.0 / 9, 1e-12);
    }

    [Fact]
    public void Binary_scores_the_positive_class()
    {
        // truth 1 1 1 0 0, predicted 1 0 1 1 0: tp 2, fp 1, fn 1.
        var m = ConfusionMatrix.From([1, 0, 1, 1, 0], [1, 1, 1, 0, 0], 2);
        m.Precision(Averaging.Binary).Should().BeApproximately(2.0 / 3, 1e-12);
        m.Recall(Averaging.Binary).Should().BeApproximately(2.0 / 3, 1e-12);
        m.F1(Averaging.Binary).Should().BeApproximately(2.0 / 3, 1e-12);
        m.Precision(Averaging.Binary, positiveClass: 0).Should().BeApproximately(0.5, 1e-12);
    }

    [Fact]
    public void A_class_never_predicted_has_zero_precision_not_nan()
    {
        var m = ConfusionMatrix.From([0, 0], [0, 1], 2);
        m.Precision(Averaging.Binary).Should().Be(0);
        m.F1(Averaging.Macro).Should().BeApproximately((2.0 / 3) / 2, 1e-12);
    }

    [Fact]
    public void Binary_averaging_of_three_classes_is_an_error()
    {
        var act = () => Matrix().F1(Averaging.Binary);
        act.Should().Throw<InvalidOperationException>().WithMessage("*two classes*");
    }

    [Fact]
    public void Csv_has_a_header_of_predictions_and_a_row_per_true_class()
    {
        Matrix().ToCsv(["cat", "dog", "a,b"]).Should().Be(
            "true\\predicted,cat,dog,\"a,b\"\ncat,2,1,0\ndog,0,1,1\n\"a,b\",1,0,3\n");
    }

    [Fact]
    public void Out_of_range_classes_are_rejected()
    {
        var act = () => ConfusionMatrix.From([3], [0], 3);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
