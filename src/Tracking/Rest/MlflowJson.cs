using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Crucible.Tracking.Model;

namespace Crucible.Tracking.Rest;

/// <summary>
/// MLflow's REST JSON (protobuf JSON mapping): non-finite doubles as <c>"NaN"</c>,
/// <c>"Infinity"</c>, <c>"-Infinity"</c>; int64 fields read whether sent as numbers or strings.
/// </summary>
internal static class MlflowJson
{
    public static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void WriteDouble(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsNaN(value))
        {
            writer.WriteString(name, "NaN");
        }
        else if (double.IsPositiveInfinity(value))
        {
            writer.WriteString(name, "Infinity");
        }
        else if (double.IsNegativeInfinity(value))
        {
            writer.WriteString(name, "-Infinity");
        }
        else
        {
            writer.WriteNumber(name, value);
        }
    }

    public static void WriteMetric(Utf8JsonWriter writer, Metric m)
    {
        writer.WriteStartObject();
        writer.WriteString("key", m.Key);
        WriteDouble(writer, "value", m.Value);
        writer.WriteNumber("timestamp", m.Timestamp);
        writer.WriteNumber("step", m.Step);
        writer.WriteEndObject();
    }

    public static void WriteKeyValues(Utf8JsonWriter writer, string name, IEnumerable<(string Key, string Value)> items)
    {
        writer.WriteStartArray(name);
        foreach (var (k, v) in items)
        {
            writer.WriteStartObject();
            writer.WriteString("key", k);
            writer.WriteString("value", v);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public static string? String(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())
            : null;

    public static long? Long(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.Number => v.TryGetInt64(out var l) ? l : (long)v.GetDouble(),
            JsonValueKind.String => long.Parse(v.GetString()!, CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    public static double Double(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number => v.GetDouble(),
        JsonValueKind.String => v.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var s => double.Parse(s!, NumberStyles.Float, CultureInfo.InvariantCulture),
        },
        _ => double.NaN,
    };

    public static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray()
            : [];

    public static List<RunTag> Tags(JsonElement e, string name) =>
        Array(e, name).Select(t => new RunTag(String(t, "key") ?? string.Empty, String(t, "value") ?? string.Empty)).ToList();

    public static Metric ReadMetric(JsonElement m) =>
        new(String(m, "key") ?? string.Empty, m.TryGetProperty("value", out var v) ? Double(v) : 0, Long(m, "timestamp") ?? 0, Long(m, "step") ?? 0);

    public static Experiment ReadExperiment(JsonElement e) => new(
        String(e, "experiment_id") ?? string.Empty,
        String(e, "name") ?? string.Empty,
        String(e, "artifact_location") ?? string.Empty,
        String(e, "lifecycle_stage") ?? LifecycleStage.Active,
        Long(e, "creation_time"),
        Long(e, "last_update_time"),
        Tags(e, "tags"));

    public static RunInfo ReadRunInfo(JsonElement i) => new(
        String(i, "run_id") ?? String(i, "run_uuid") ?? string.Empty,
        String(i, "experiment_id") ?? string.Empty,
        String(i, "run_name") ?? string.Empty,
        String(i, "user_id") ?? string.Empty,
        RunStatusNames.FromMlflow(String(i, "status")),
        Long(i, "start_time"),
        Long(i, "end_time"),
        String(i, "artifact_uri") ?? string.Empty,
        String(i, "lifecycle_stage") ?? LifecycleStage.Active);

    public static Run ReadRun(JsonElement r)
    {
        var info = ReadRunInfo(r.GetProperty("info"));
        var data = r.TryGetProperty("data", out var d) ? d : default;
        var runData = new RunData(
            Array(data, "metrics").Select(ReadMetric).ToList(),
            Array(data, "params").Select(p => new Param(String(p, "key") ?? string.Empty, String(p, "value") ?? string.Empty)).ToList(),
            Tags(data, "tags"));
        var inputs = r.TryGetProperty("inputs", out var inp) ? inp : default;
        var datasets = Array(inputs, "dataset_inputs").Select(di =>
        {
            var ds = di.GetProperty("dataset");
            return new DatasetInput(
                new Dataset(
                    String(ds, "name") ?? string.Empty,
                    String(ds, "digest") ?? string.Empty,
                    String(ds, "source_type") ?? string.Empty,
                    String(ds, "source") ?? string.Empty,
                    String(ds, "schema"),
                    String(ds, "profile")),
                Tags(di, "tags"));
        }).ToList();
        return new Run(info, runData, datasets);
    }
}
