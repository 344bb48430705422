using System.Text.Json.Nodes;

namespace Crucible.Host.Sweeps;

/// <summary>Every combination of the parameters' values, the last parameter varying fastest (as Hydra's basic sweeper).</summary>
internal sealed class GridSearch : SweepStrategy
{
    private readonly List<ChoiceParameter> parameters;

    public GridSearch(IReadOnlyList<SweepParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.OfType<IntervalParameter>().FirstOrDefault() is { } interval)
        {
            throw new SweepSyntaxException(
                $"{interval.Key}={interval.Text}: a grid needs lists of values (a,b,c or range(...)); interval() is for the random and tpe strategies.");
        }

        this.parameters = parameters.Cast<ChoiceParameter>().ToList();
        TrialCount = this.parameters.Aggregate(1, (n, p) => checked(n * p.Values.Count));
    }

    public override int TrialCount { get; }

    public override TrialAssignment Suggest(int index, IReadOnlyList<TrialObservation> observations)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, TrialCount);
        var values = new KeyValuePair<string, JsonNode?>[parameters.Count];
        var rest = index;
        for (var i = parameters.Count - 1; i >= 0; i--)
        {
            var p = parameters[i];
            values[i] = new(p.Key, p.Values[rest % p.Values.Count]?.DeepClone());
            rest /= p.Values.Count;
        }

        return new TrialAssignment(values);
    }
}
