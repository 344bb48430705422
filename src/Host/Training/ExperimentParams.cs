using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crucible.Tracking;

namespace Crucible.Host.Training;

/// <summary>
/// Flattens the resolved experiment into MLflow params with dotted keys (<c>optimizer.lr</c>,
/// <c>training.early_stopping.patience</c>), so runs can be filtered and compared by any setting.
/// Lists of scalars (and tables of them) stay one param (<c>[512,256]</c>); lists of objects are
/// indexed (<c>model.layers.0.name</c>). Values under keys that name a secret are masked. A value
/// longer than MLflow's limit is cut with a visible <c>...[truncated]</c> marker, because the whole
/// experiment file is recorded as an artifact anyway.
/// </summary>
internal static class ExperimentParams
{
    public const string Mask = SecretMasker.Mask;

    /// <summary>MLflow's longest param value; longer values are cut with a marker, never silently.</summary>
    private const int MaxValueLength = 6000;

    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    private static readonly HashSet<string> SkippedRootKeys = new(StringComparer.Ordinal) { "$schema", "extends" };

    public static IReadOnlyDictionary<string, string> Flatten(JsonElement experiment)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (experiment.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("The experiment must be a JSON object.", nameof(experiment));
        }

        foreach (var property in experiment.EnumerateObject())
        {
            if (!SkippedRootKeys.Contains(property.Name))
            {
                Add(result, property.Name, property.Value, masked: IsSecretKey(property.Name));
            }
        }

        return result;
    }

    /// <summary>
    /// The experiment as recorded in the <c>experiment.json</c> artifact: indented, with the values
    /// <see cref="Flatten"/> masks masked the same way (every scalar under a secret key, URI user info
    /// in every string).
    /// </summary>
    public static string MaskedJson(JsonElement experiment) =>
        Masked(experiment, masked: false)?.ToJsonString(IndentedJson) ?? "null";

    /// <summary>True for a key whose value must never be recorded (password, token, api key, ...).</summary>
    public static bool IsSecretKey(string key) => SecretMasker.IsSecretName(key);

    private static JsonNode? Masked(JsonElement value, bool masked)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in value.EnumerateObject())
                {
                    obj[property.Name] = Masked(property.Value, masked || IsSecretKey(property.Name));
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in value.EnumerateArray())
                {
                    array.Add(Masked(item, masked));
                }

                return array;
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                return JsonValue.Create(masked ? Mask : SecretMasker.MaskUriCredentials(value.GetString() ?? string.Empty));
            default:
                return masked ? JsonValue.Create(Mask) : JsonNode.Parse(value.GetRawText());
        }
    }

    private static void Add(SortedDictionary<string, string> result, string key, JsonElement value, bool masked)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var any = false;
                foreach (var property in value.EnumerateObject())
                {
                    any = true;
                    Add(result, $"{key}.{property.Name}", property.Value, masked || IsSecretKey(property.Name));
                }

                if (!any)
                {
                    result[key] = "{}";
                }

                break;
            case JsonValueKind.Array when value.EnumerateArray().Any(e => e.ValueKind is JsonValueKind.Object):
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Add(result, string.Create(CultureInfo.InvariantCulture, $"{key}.{index++}"), item, masked);
                }

                break;
            default:
                result[key] = masked && value.ValueKind != JsonValueKind.Null ? Mask : Scalar(value);
                break;
        }
    }

    private static string Scalar(JsonElement value)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() ?? string.Empty,
            JsonValueKind.Null => "null",
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Array => JsonSerializer.Serialize(value),
            _ => value.GetRawText(),
        };
        text = SecretMasker.MaskUriCredentials(text);
        return text.Length <= MaxValueLength ? text : string.Concat(text.AsSpan(0, MaxValueLength - 14), "...[truncated]");
    }
}
