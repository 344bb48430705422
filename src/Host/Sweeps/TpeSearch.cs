using System.Text.Json.Nodes;
using Crucible.Host.Configuration;

namespace Crucible.Host.Sweeps;

/// <summary>
/// Tree-structured Parzen estimator search, as Optuna's TPESampler (independent per parameter) and
/// hyperopt do it: the first <c>startupTrials</c> trials are random; after that the finished trials are
/// split into the best <c>ceil(0.1 n)</c> (at most 25) and the rest, each split gives a density per
/// parameter (<see cref="ParzenEstimator"/> for intervals, smoothed frequencies for lists), and of 24
/// candidates drawn from the good density the one with the largest good/bad density ratio is tried.
/// Failed trials are left out of the model.
/// </summary>
internal sealed class TpeSearch(IReadOnlyList<SweepParameter> parameters, int trials, int seed, MonitorMode direction, int startupTrials) : SweepStrategy
{
    private const int Candidates = 24;

    public override int TrialCount => trials;

    public override bool Adaptive => true;

    public override TrialAssignment Suggest(int index, IReadOnlyList<TrialObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var random = TrialRandom(seed, index);
        var scored = observations.Where(o => o.Objective is { } v && double.IsFinite(v)).ToList();
        if (index < startupTrials || scored.Count < 2)
        {
            return RandomSearch.Sample(parameters, random);
        }

        // Best first: lower is better when minimizing.
        var ranked = scored.OrderBy(o => direction == MonitorMode.Max ? -o.Objective!.Value : o.Objective!.Value).ToList();
        var goodCount = Math.Clamp((int)Math.Ceiling(0.1 * ranked.Count), 1, 25);
        var good = ranked.Take(goodCount).Select(o => o.Assignment).ToList();
        var bad = ranked.Skip(goodCount).Select(o => o.Assignment).ToList();
        return new TrialAssignment(parameters.Select(p => new KeyValuePair<string, JsonNode?>(p.Key, p switch
        {
            IntervalParameter i => SuggestInterval(i, good, bad, random),
            ChoiceParameter c => SuggestChoice(c, good, bad, random),
            _ => throw new InvalidOperationException(p.GetType().Name),
        })).ToList());
    }

    private static JsonNode SuggestInterval(IntervalParameter p, List<TrialAssignment> good, List<TrialAssignment> bad, Random random)
    {
        double Internal(TrialAssignment a) => p.ToInternal(SweepOverrideParser.AsNumber(a[p.Key]!));
        var l = new ParzenEstimator(good.Select(Internal).ToList(), p.InternalLow, p.InternalHigh);
        var g = new ParzenEstimator(bad.Select(Internal).ToList(), p.InternalLow, p.InternalHigh);
        var best = double.NaN;
        var bestScore = double.NegativeInfinity;
        for (var c = 0; c < Candidates; c++)
        {
            var x = l.Sample(random);
            var score = l.LogDensity(x) - g.LogDensity(x);
            if (score > bestScore)
            {
                (best, bestScore) = (x, score);
            }
        }

        return p.ToJson(p.FromInternal(best));
    }

    private static JsonNode? SuggestChoice(ChoiceParameter p, List<TrialAssignment> good, List<TrialAssignment> bad, Random random)
    {
        var l = Frequencies(p, good);
        var g = Frequencies(p, bad);
        var best = 0;
        var bestScore = double.NegativeInfinity;
        for (var c = 0; c < Candidates; c++)
        {
            var k = Draw(l, random);
            var score = Math.Log(l[k]) - Math.Log(g[k]);
            if (score > bestScore)
            {
                (best, bestScore) = (k, score);
            }
        }

        return p.Values[best]?.DeepClone();
    }

    /// <summary>Each value's share among the trials, with a prior of one trial spread evenly over the values.</summary>
    private static double[] Frequencies(ChoiceParameter p, List<TrialAssignment> trials)
    {
        var counts = Enumerable.Repeat(1.0 / p.Values.Count, p.Values.Count).ToArray();
        foreach (var trial in trials)
        {
            var text = SweepOverrideParser.FormatValue(trial[p.Key]);
            var k = p.Values.ToList().FindIndex(v => SweepOverrideParser.FormatValue(v) == text);
            if (k >= 0)
            {
                counts[k] += 1;
            }
        }

        var total = counts.Sum();
        return counts.Select(c => c / total).ToArray();
    }

    private static int Draw(double[] probabilities, Random random)
    {
        var u = random.NextDouble();
        for (var k = 0; k < probabilities.Length; k++)
        {
            u -= probabilities[k];
            if (u <= 0)
            {
                return k;
            }
        }

        return probabilities.Length - 1;
    }
}
