using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Crucible.Host.Models;

/// <summary>
/// Writes predictions in the data's units: JSON as MLflow's scoring server answers
/// (<c>{"predictions": [...]}</c>: class names for a classifier, a number per sample for one target,
/// a list for several, nested lists in the sample's shape for a tensor output such as an image) or CSV
/// with the model's output columns (a tensor output flattened, channels first).
/// </summary>
internal static class PredictionOutput
{
    public static byte[] Json(IReadOnlyList<Prediction> predictions, ModelPreprocessing model)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(model);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("predictions");
            foreach (var p in predictions)
            {
                if (p.ClassName is not null)
                {
                    json.WriteStringValue(p.ClassName);
                }
                else if (model.TargetShape is { Count: > 1 } shape)
                {
                    WriteNested(json, p.Values, shape, 0, 0);
                }
                else if (p.Values.Count == 1)
                {
                    json.WriteNumberValue(p.Values[0]);
                }
                else
                {
                    json.WriteStartArray();
                    foreach (var v in p.Values)
                    {
                        json.WriteNumberValue(v);
                    }

                    json.WriteEndArray();
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static string Csv(IReadOnlyList<Prediction> predictions, ModelPreprocessing model, IReadOnlyList<string>? sources = null)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(model);
        var text = new StringBuilder();
        var header = new List<string>();
        if (sources is not null)
        {
            header.Add("input");
        }

        header.AddRange(model.OutputNames());
        text.AppendLine(string.Join(',', header.Select(Quote)));
        for (var i = 0; i < predictions.Count; i++)
        {
            var cells = new List<string>();
            if (sources is not null)
            {
                cells.Add(sources[i]);
            }

            var p = predictions[i];
            if (p.ClassName is not null)
            {
                cells.Add(p.ClassName);
            }
            else
            {
                cells.AddRange(p.Values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
            }

            text.AppendLine(string.Join(',', cells.Select(Quote)));
        }

        return text.ToString();
    }

    private static int WriteNested(Utf8JsonWriter json, IReadOnlyList<double> values, IReadOnlyList<long> shape, int dimension, int start)
    {
        json.WriteStartArray();
        var next = start;
        for (var i = 0; i < shape[dimension]; i++)
        {
            if (dimension == shape.Count - 1)
            {
                json.WriteNumberValue(values[next++]);
            }
            else
            {
                next = WriteNested(json, values, shape, dimension + 1, next);
            }
        }

        json.WriteEndArray();
        return next;
    }

    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
