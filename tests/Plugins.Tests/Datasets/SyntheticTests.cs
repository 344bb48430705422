using Crucible.Plugins.Datasets.Synthetic;

namespace Crucible.Plugins.Tests.Datasets;

public class SyntheticTests
{
    [Theory]
    [InlineData("Xor", new float[] { 0, 1, 1, 0 })]
    [InlineData("Or", new float[] { 0, 1, 1, 1 })]
    [InlineData("And", new float[] { 0, 0, 0, 1 })]
    public void Truth_tables_list_the_four_inputs_in_order(string kind, float[] outputs)
    {
        var set = SyntheticGenerator.Generate(new SyntheticSpec { Kind = Enum.Parse<SyntheticKind>(kind) });
        set.Features.Should().Equal(0, 0, 0, 1, 1, 0, 1, 1);
        set.Targets.Should().Equal(outputs);
    }

    [Fact]
    public void Truth_tables_can_be_class_labels()
    {
        var set = SyntheticGenerator.Generate(new SyntheticSpec { Kind = SyntheticKind.Xor, TruthTableAsClasses = true });
        set.Labels.Should().Equal(0, 1, 1, 0);
    }

    [Fact]
    public void Linear_data_follows_the_line_within_the_noise()
    {
        var set = SyntheticGenerator.Generate(new SyntheticSpec { Kind = SyntheticKind.Linear, Samples = 2000, Slope = 3, Intercept = -1, Noise = 0.1, XMin = -2, XMax = 2, Seed = 4 });
        var residuals = set.Features.Zip(set.Targets!, (x, y) => y - ((3 * x) - 1)).ToArray();
        residuals.Average().Should().BeApproximately(0f, 0.01f);
        Math.Sqrt(residuals.Select(r => r * r).Average()).Should().BeApproximately(0.1, 0.01);
        set.Features.Min().Should().BeGreaterThanOrEqualTo(-2);
        set.Features.Max().Should().BeLessThan(2);
    }

    [Fact]
    public void Generation_is_reproducible_from_the_seed()
    {
        var spec = new SyntheticSpec { Kind = SyntheticKind.TwoMoons, Samples = 50, Seed = 3 };
        SyntheticGenerator.Generate(spec).Features.Should().Equal(SyntheticGenerator.Generate(spec).Features);
        SyntheticGenerator.Generate(spec with { Seed = 4 }).Features.Should().NotEqual(SyntheticGenerator.Generate(spec).Features);
    }

    [Fact]
    public void Noise_free_moons_lie_on_their_half_circles()
    {
        var set = SyntheticGenerator.Generate(new SyntheticSpec { Kind = SyntheticKind.TwoMoons, Samples = 40, Noise = 0 });
        set.Labels!.Count(l => l == 1).Should().Be(20);
        for (var i = 0; i < 40; i++)
        {
            double x = set.Features[2 * i], y = set.Features[(2 * i) + 1];
            var (cx, cy) = set.Labels![i] == 0 ? (0.0, 0.0) : (1.0, 0.5);
            Math.Sqrt(((x - cx) * (x - cx)) + ((y - cy) * (y - cy))).Should().BeApproximately(1, 1e-5);
        }
    }

    [Fact]
    public void Spirals_have_one_arm_per_class_within_the_unit_disc()
    {
        var set = SyntheticGenerator.Generate(new SyntheticSpec { Kind = SyntheticKind.Spirals, Samples = 100, Classes = 3 });
        set.Count.Should().Be(300);
        set.Labels!.Distinct().Should().Equal(0, 1, 2);
        for (var i = 0; i < 300; i++)
        {
            var r = Math.Sqrt((set.Features[2 * i] * set.Features[2 * i]) + (set.Features[(2 * i) + 1] * set.Features[(2 * i) + 1]));
            r.Should().BeLessThanOrEqualTo(1.0001);
        }
    }

    [Fact]
    public void Sine_targets_stay_near_the_sine()
    {
        var set = SyntheticGenerator.Generate(new SyntheticSpec { Kind = SyntheticKind.Sine, Samples = 100, Noise = 0 });
        for (var i = 0; i < 100; i++)
        {
            ((double)set.Targets![i]).Should().BeApproximately(Math.Sin(set.Features[i]), 1e-5);
        }
    }
}
