using System.Text.Json;

namespace Crucible.Plugins.Datasets.Common;

/// <summary>The MLflow dataset schema of tabular data: its feature and label columns.</summary>
internal static class SchemaJson
{
    public static string Describe(IReadOnlyList<string> features, string label, IReadOnlyList<string>? classes)
    {
        var columns = features.Select(f => new Dictionary<string, object> { ["name"] = f, ["type"] = "float" }).ToList();
        columns.Add(classes is null
            ? new Dictionary<string, object> { ["name"] = label, ["type"] = "float" }
            : new Dictionary<string, object> { ["name"] = label, ["type"] = "long", ["classes"] = classes });
        return JsonSerializer.Serialize(new Dictionary<string, object> { ["mlflow_colspec"] = columns });
    }
}
