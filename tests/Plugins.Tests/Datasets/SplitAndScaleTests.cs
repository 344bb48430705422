using Crucible.Plugins.Datasets.Common;

namespace Crucible.Plugins.Tests.Datasets;

public class SplitAndScaleTests
{
    [Fact]
    public void Splits_partition_the_samples_and_depend_only_on_the_seed()
    {
        var a = SplitIndices.Create(100, 0.2, 0.1, seed: 7);
        var b = SplitIndices.Create(100, 0.2, 0.1, seed: 7);
        var c = SplitIndices.Create(100, 0.2, 0.1, seed: 8);
        a.Train.Should().HaveCount(70);
        a.Validation.Should().HaveCount(20);
        a.Test.Should().HaveCount(10);
        a.Train.Concat(a.Validation).Concat(a.Test).Order().Should().Equal(Enumerable.Range(0, 100));
        b.Train.Should().Equal(a.Train);
        c.Train.Should().NotEqual(a.Train);
    }

    [Fact]
    public void Unshuffled_splits_keep_time_order()
    {
        var s = SplitIndices.Create(10, 0.2, 0.2, seed: 1, shuffle: false);
        s.Train.Should().Equal(0, 1, 2, 3, 4, 5);
        s.Validation.Should().Equal(6, 7);
        s.Test.Should().Equal(8, 9);
    }

    [Fact]
    public void Fractions_summing_to_one_are_rejected()
    {
        var act = () => SplitIndices.Create(10, 0.5, 0.5, 0);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Standardization_uses_training_statistics_only()
    {
        // Train column: 1, 3 (mean 2, population std 1). The test value 10 must not move them.
        var all = new SampleSet([1, 3, 10], [1], null, [0, 0, 0], 1);
        var train = all.Subset([0, 1]);
        var test = all.Subset([2]);
        var prepared = PreparedSplits.Scale(train, null, test, Scaling.Standardize);
        prepared.Train.Features.Should().Equal(-1f, 1f);
        prepared.Test!.Features.Should().Equal(8f);
        prepared.Scaler!.Offset.Should().Equal(2.0);
        train.Features.Should().Equal([1f, 3f], "scaling copies, it never mutates the input");
    }

    [Fact]
    public void Min_max_maps_the_training_range_to_unit_interval_and_constant_columns_to_zero()
    {
        var values = new float[] { 2, 5, 4, 5, 6, 5 };
        var scaler = ColumnScaler.Fit(values, 2, Scaling.MinMax);
        scaler.Transform(values);
        values.Should().Equal(0f, 0f, 0.5f, 0f, 1f, 0f);
        scaler.Inverse(0.5, 0).Should().Be(4);
    }

    [Fact]
    public void Subset_reorders_labels_with_features()
    {
        var set = new SampleSet([1, 2, 3, 4, 5, 6], [2], [0, 1, 2], null, 0);
        var sub = set.Subset([2, 0]);
        sub.Features.Should().Equal(5, 6, 1, 2);
        sub.Labels.Should().Equal(2, 0);
    }
}
