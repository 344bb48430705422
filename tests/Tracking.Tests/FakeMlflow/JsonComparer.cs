using System.Text.Json;

namespace Crucible.Tracking.Tests.FakeMlflow;

/// <summary>
/// Compares a request body with MLflow's recorded one field by field, with protobuf's JSON rules:
/// numbers by value, and a field the recording lacks may be present only with its default value.
/// </summary>
public static class JsonComparer
{
    public static List<string> Differences(JsonElement expected, JsonElement actual)
    {
        var diffs = new List<string>();
        Compare(expected, actual, "$", diffs);
        return diffs;
    }

    private static void Compare(JsonElement expected, JsonElement actual, string path, List<string> diffs)
    {
        if (expected.ValueKind == JsonValueKind.Number && actual.ValueKind == JsonValueKind.Number)
        {
            if (expected.GetDouble() != actual.GetDouble())
            {
                diffs.Add($"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}");
            }

            return;
        }

        if (expected.ValueKind != actual.ValueKind)
        {
            diffs.Add($"{path}: expected {expected.ValueKind} {expected.GetRawText()}, got {actual.ValueKind} {actual.GetRawText()}");
            return;
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in expected.EnumerateObject())
                {
                    if (actual.TryGetProperty(p.Name, out var a))
                    {
                        Compare(p.Value, a, path + "." + p.Name, diffs);
                    }
                    else
                    {
                        diffs.Add($"{path}.{p.Name}: missing (expected {p.Value.GetRawText()})");
                    }
                }

                foreach (var p in actual.EnumerateObject())
                {
                    if (!expected.TryGetProperty(p.Name, out _) && !IsDefault(p.Value))
                    {
                        diffs.Add($"{path}.{p.Name}: unexpected field {p.Value.GetRawText()}");
                    }
                }

                break;
            case JsonValueKind.Array:
                var e = expected.EnumerateArray().ToList();
                var x = actual.EnumerateArray().ToList();
                if (e.Count != x.Count)
                {
                    diffs.Add($"{path}: expected {e.Count} items, got {x.Count}");
                    return;
                }

                for (var i = 0; i < e.Count; i++)
                {
                    Compare(e[i], x[i], $"{path}[{i}]", diffs);
                }

                break;
            case JsonValueKind.String:
                if (expected.GetString() != actual.GetString())
                {
                    diffs.Add($"{path}: expected \"{expected.GetString()}\", got \"{actual.GetString()}\"");
                }

                break;
            default:
                if (expected.GetRawText() != actual.GetRawText())
                {
                    diffs.Add($"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}");
                }

                break;
        }
    }

    private static bool IsDefault(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble() == 0,
        JsonValueKind.String => value.GetString()!.Length == 0,
        JsonValueKind.False or JsonValueKind.Null => true,
        JsonValueKind.Array => value.GetArrayLength() == 0,
        JsonValueKind.Object => !value.EnumerateObject().Any(),
        _ => false,
    };
}
