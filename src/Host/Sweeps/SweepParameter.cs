using System.Text.Json.Nodes;

namespace Crucible.Host.Sweeps;

/// <summary>
/// One swept setting of the experiment (a <c>--set</c> key path) and the values it may take: a list of
/// choices (<c>0.1,0.01</c>, <c>range(1,4)</c>, <c>choice(a,b)</c>) or a continuous interval
/// (<c>interval(a,b)</c>, <c>tag(log, interval(a,b))</c>, <c>int(interval(a,b))</c>).
/// </summary>
internal abstract record SweepParameter(string Key, string Text);

/// <summary>A finite list of values, each a JSON value as <c>--set</c> would take it.</summary>
internal sealed record ChoiceParameter(string Key, string Text, IReadOnlyList<JsonNode?> Values) : SweepParameter(Key, Text);

/// <summary>A continuous interval [Low, High]; sampled uniformly, or uniformly in log space when <see cref="Log"/>.</summary>
internal sealed record IntervalParameter(string Key, string Text, double Low, double High, bool Log, bool Integer) : SweepParameter(Key, Text)
{
    /// <summary>The value in the space the search works in (log for a log interval).</summary>
    public double ToInternal(double value) => Log ? Math.Log(value) : value;

    /// <summary>Back from the search space to a value, rounded for an integer interval and kept in bounds.</summary>
    public double FromInternal(double x)
    {
        var value = Log ? Math.Exp(x) : x;
        value = Math.Clamp(value, Low, High);
        return Integer ? Math.Round(value) : value;
    }

    public double InternalLow => ToInternal(Low);

    public double InternalHigh => ToInternal(High);

    public JsonNode ToJson(double value) => Integer ? JsonValue.Create((long)Math.Round(value)) : JsonValue.Create(value);
}
