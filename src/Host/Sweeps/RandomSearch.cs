using System.Text.Json.Nodes;

namespace Crucible.Host.Sweeps;

/// <summary>N trials, each parameter drawn independently: a list uniformly, an interval uniformly (in log space for log).</summary>
internal sealed class RandomSearch(IReadOnlyList<SweepParameter> parameters, int trials, int seed) : SweepStrategy
{
    public override int TrialCount => trials;

    public override TrialAssignment Suggest(int index, IReadOnlyList<TrialObservation> observations) =>
        Sample(parameters, TrialRandom(seed, index));

    /// <summary>One independent draw of every parameter.</summary>
    public static TrialAssignment Sample(IReadOnlyList<SweepParameter> parameters, Random random)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(random);
        return new TrialAssignment(parameters.Select(p => new KeyValuePair<string, JsonNode?>(p.Key, p switch
        {
            ChoiceParameter c => c.Values[random.Next(c.Values.Count)]?.DeepClone(),
            IntervalParameter i => i.ToJson(i.FromInternal(i.InternalLow + (random.NextDouble() * (i.InternalHigh - i.InternalLow)))),
            _ => throw new InvalidOperationException(p.GetType().Name),
        })).ToList());
    }
}
