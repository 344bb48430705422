using System.Text.Json.Nodes;

namespace Crucible.Host.Sweeps;

/// <summary>The values one trial gives the swept settings, in the sweep's parameter order.</summary>
internal sealed class TrialAssignment(IReadOnlyList<KeyValuePair<string, JsonNode?>> values)
{
    public IReadOnlyList<KeyValuePair<string, JsonNode?>> Values { get; } = values;

    public JsonNode? this[string key] => Values.First(v => v.Key == key).Value;

    /// <summary>The <c>--set key=value</c> overrides that make the trial's experiment.</summary>
    public IReadOnlyList<string> Overrides() =>
        Values.Select(v => $"{v.Key}={SweepOverrideParser.FormatValue(v.Value)}").ToList();

    /// <summary>The assignment as one JSON object (recorded as a tag of the trial's run).</summary>
    public string ToJson()
    {
        var obj = new JsonObject();
        foreach (var (key, value) in Values)
        {
            obj[key] = value?.DeepClone();
        }

        return obj.ToJsonString();
    }

    public override string ToString() => string.Join(", ", Values.Select(v => $"{v.Key}={SweepOverrideParser.Display(v.Value)}"));
}
