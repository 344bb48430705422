using System.Globalization;
using System.Text.Json;
using Crucible.Abstractions;

namespace Crucible.Plugins.Callbacks;

/// <summary>
/// Names of a dataset's feature columns and its label, read from the MLflow schema the tabular
/// datasets record (<c>{"mlflow_colspec": [features..., label]}</c>); columns are named <c>x0</c>,
/// <c>x1</c>, ... and the label <c>y</c> when the dataset gives no such schema.
/// </summary>
internal sealed record DatasetColumns(IReadOnlyList<string> Features, string Label)
{
    public static DatasetColumns Of(DatasetMetadata dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var count = checked((int)dataset.FeatureShape.Aggregate(1L, (a, b) => a * b));
        var named = FromSchema(dataset.Schema);
        if (named is not null && named.Count == count + 1)
        {
            return new DatasetColumns(named.Take(count).ToArray(), named[^1]);
        }

        return new DatasetColumns(
            Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"x{i}")).ToArray(),
            "y");
    }

    private static List<string>? FromSchema(string? schema)
    {
        if (string.IsNullOrWhiteSpace(schema))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(schema);
            if (!document.RootElement.TryGetProperty("mlflow_colspec", out var columns) || columns.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var names = new List<string>();
            foreach (var column in columns.EnumerateArray())
            {
                if (column.ValueKind != JsonValueKind.Object || !column.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                {
                    return null;
                }

                names.Add(name.GetString()!);
            }

            return names;
        }
        catch (JsonException)
        {
            // A schema in another shape only costs the nice names.
            return null;
        }
    }
}
