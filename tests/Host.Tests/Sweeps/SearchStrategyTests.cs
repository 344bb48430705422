using System.Text.Json.Nodes;
using Crucible.Host.Configuration;
using Crucible.Host.Sweeps;

namespace Crucible.Host.Tests.Sweeps;

public sealed class SearchStrategyTests
{
    private static readonly SweepParameter Lr = SweepOverrideParser.ParseOverride("optimizer.lr=0.1,0.01,0.001");
    private static readonly SweepParameter Hidden = SweepOverrideParser.ParseOverride("model.hidden=[4],[8]");
    private static readonly SweepParameter LogLr = SweepOverrideParser.ParseOverride("optimizer.lr=tag(log, interval(1e-4, 1))");
    private static readonly SweepParameter Momentum = SweepOverrideParser.ParseOverride("optimizer.momentum=interval(0, 1)");

    private static double Number(TrialAssignment a, string key) => SweepOverrideParser.AsNumber(a[key]!);

    [Fact]
    public void Grid_is_every_combination_with_the_last_parameter_fastest()
    {
        var grid = new GridSearch([Lr, Hidden]);
        grid.TrialCount.Should().Be(6);
        Enumerable.Range(0, 6).Select(i => grid.Suggest(i, []).ToString()).Should().Equal(
            "optimizer.lr=0.1, model.hidden=[4]", "optimizer.lr=0.1, model.hidden=[8]",
            "optimizer.lr=0.01, model.hidden=[4]", "optimizer.lr=0.01, model.hidden=[8]",
            "optimizer.lr=0.001, model.hidden=[4]", "optimizer.lr=0.001, model.hidden=[8]");
    }

    [Fact]
    public void Grid_refuses_an_interval()
    {
        var act = () => new GridSearch([Lr, Momentum]);
        act.Should().Throw<SweepSyntaxException>().WithMessage("*optimizer.momentum*random and tpe*");
    }

    [Fact]
    public void Random_is_seeded_per_trial_in_bounds_and_log_uniform_on_a_log_interval()
    {
        var a = new RandomSearch([LogLr, Hidden], 400, seed: 3);
        var b = new RandomSearch([LogLr, Hidden], 400, seed: 3);
        var c = new RandomSearch([LogLr, Hidden], 400, seed: 4);
        var draws = Enumerable.Range(0, 400).Select(i => a.Suggest(i, [])).ToList();
        draws.Select(d => d.ToJson()).Should().Equal(Enumerable.Range(0, 400).Select(i => b.Suggest(i, []).ToJson()));
        draws.Select(d => d.ToJson()).Should().NotEqual(Enumerable.Range(0, 400).Select(i => c.Suggest(i, []).ToJson()));
        var lrs = draws.Select(d => Number(d, "optimizer.lr")).ToList();
        lrs.Should().OnlyContain(v => v >= 1e-4 && v <= 1);

        // Log-uniform over four decades: about a quarter below 1e-3; uniform would put 0.1% there.
        lrs.Count(v => v < 1e-3).Should().BeInRange(60, 140);
        draws.Select(d => d["model.hidden"]!.ToJsonString()).Distinct().Should().BeEquivalentTo("[4]", "[8]");
    }

    [Fact]
    public void Erf_and_the_parzen_density_are_right()
    {
        ParzenEstimator.Erf(1).Should().BeApproximately(0.8427007929, 2e-7);
        ParzenEstimator.Erf(-0.5).Should().BeApproximately(-0.5204998778, 2e-7);
        var estimator = new ParzenEstimator([0.2, 0.25, 0.8], 0, 1);

        // Each truncated Gaussian is renormalized to [0, 1], so the mixture integrates to 1.
        const int Steps = 20_000;
        var integral = Enumerable.Range(0, Steps).Sum(i => Math.Exp(estimator.LogDensity((i + 0.5) / Steps)) / Steps);
        integral.Should().BeApproximately(1, 1e-3);
        estimator.LogDensity(0.22).Should().BeGreaterThan(estimator.LogDensity(0.5));
    }

    [Fact]
    public void Tpe_starts_random_then_proposes_near_the_good_trials()
    {
        var tpe = new TpeSearch([Momentum], trials: 30, seed: 1, MonitorMode.Min, startupTrials: 5);
        new RandomSearch([Momentum], 30, 1).Suggest(2, []).ToJson().Should().Be(tpe.Suggest(2, []).ToJson(), "startup trials are random search's");

        // Twenty observations of (x - 0.3)^2 spread over [0, 1]: the good tenth lies around 0.3.
        var observations = Enumerable.Range(0, 20)
            .Select(i => (i + 0.5) / 20)
            .Select(x => new TrialObservation(new TrialAssignment([new("optimizer.momentum", JsonValue.Create(x))]), (x - 0.3) * (x - 0.3)))
            .ToList();
        var proposals = Enumerable.Range(20, 10).Select(i => Number(tpe.Suggest(i, observations), "optimizer.momentum")).ToList();
        proposals.Should().OnlyContain(x => Math.Abs(x - 0.3) < 0.15);
    }

    [Fact]
    public void Tpe_finds_a_better_minimum_than_random_search_with_the_same_budget()
    {
        // A 2-D problem shaped like a learning-rate search: best at lr = 1e-2, momentum = 0.9.
        static double Loss(TrialAssignment a) => Math.Pow(Math.Log10(Number(a, "optimizer.lr")) + 2, 2) + (4 * Math.Pow(Number(a, "optimizer.momentum") - 0.9, 2));
        static double Best(SweepStrategy strategy)
        {
            var observations = new List<TrialObservation>();
            for (var i = 0; i < strategy.TrialCount; i++)
            {
                var a = strategy.Suggest(i, observations);
                observations.Add(new TrialObservation(a, Loss(a)));
            }

            return observations.Min(o => o.Objective!.Value);
        }

        var seeds = Enumerable.Range(0, 5).ToList();
        var tpe = seeds.Select(s => Best(new TpeSearch([LogLr, Momentum], 40, s, MonitorMode.Min, 10))).ToList();
        var random = seeds.Select(s => Best(new RandomSearch([LogLr, Momentum], 40, s))).ToList();
        tpe.Average().Should().BeLessThan(random.Average() / 2);
    }

    [Fact]
    public void Tpe_maximizes_when_told_to_and_learns_which_choice_is_good()
    {
        var tpe = new TpeSearch([Hidden], trials: 30, seed: 2, MonitorMode.Max, startupTrials: 4);
        var observations = Enumerable.Range(0, 12)
            .Select(i => new TrialObservation(
                new TrialAssignment([new("model.hidden", JsonNode.Parse(i % 2 == 0 ? "[4]" : "[8]"))]),
                i % 2 == 0 ? 0.6 + (i * 0.001) : 0.9 + (i * 0.001)))
            .ToList();
        Enumerable.Range(12, 8).Select(i => tpe.Suggest(i, observations)["model.hidden"]!.ToJsonString()).Should().OnlyContain(h => h == "[8]");
    }
}
