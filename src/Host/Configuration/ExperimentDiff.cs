using System.Globalization;
using System.Text.Json;

namespace Crucible.Host.Configuration;

/// <summary>
/// What changed between the experiment a run recorded and the one a resume would continue it with,
/// as readable lines (<c>$.optimizer.lr: recorded 0.05, now 0.1</c>). Only <c>training.epochs</c> may
/// grow; the <c>tracking</c> section says where to record, not what trains, and is not compared.
/// </summary>
internal static class ExperimentDiff
{
    private const string EpochsPath = "$.training.epochs";

    public static IReadOnlyList<string> Changes(JsonElement recorded, JsonElement current)
    {
        var before = Flatten(recorded);
        var after = Flatten(current);
        var lines = new List<string>();
        foreach (var path in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            if (path == "$.tracking" || path.StartsWith("$.tracking.", StringComparison.Ordinal) || path.StartsWith("$.tracking[", StringComparison.Ordinal))
            {
                continue;
            }

            before.TryGetValue(path, out var was);
            after.TryGetValue(path, out var now);
            if (was == now)
            {
                continue;
            }

            if (path == EpochsPath && long.TryParse(was, CultureInfo.InvariantCulture, out var oldEpochs) && long.TryParse(now, CultureInfo.InvariantCulture, out var newEpochs))
            {
                if (newEpochs >= oldEpochs)
                {
                    continue;
                }

                lines.Add($"{path}: recorded {was}, now {now} (training.epochs may only grow)");
                continue;
            }

            lines.Add($"{path}: recorded {MessageText.Cut(was ?? "(absent)")}, now {MessageText.Cut(now ?? "(absent)")}");
        }

        return lines;
    }

    private static Dictionary<string, string> Flatten(JsonElement element)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(result, "$", element);
        return result;
    }

    private static void Add(Dictionary<string, string> result, string path, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Add(result, JsonPaths.Property(path, property.Name), property.Value);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Add(result, JsonPaths.Index(path, index++), item);
                }

                if (index == 0)
                {
                    result[path] = "[]";
                }

                break;
            default:
                result[path] = element.GetRawText();
                break;
        }
    }
}
