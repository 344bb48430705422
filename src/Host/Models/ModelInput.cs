using System.Globalization;
using System.Text.Json;

namespace Crucible.Host.Models;

/// <summary>
/// Parses raw samples in the formats of MLflow's scoring protocol (<c>dataframe_split</c>,
/// <c>dataframe_records</c>, <c>instances</c>, <c>inputs</c>, CSV with a header) into one flat array
/// of raw values, sample after sample, in the order the model reads its features. Named columns are
/// matched to the model's feature names; unnamed rows are taken in order. Errors name what is wrong
/// with MLflow's error codes.
/// </summary>
internal static class ModelInput
{
    public const string BadRequest = "BAD_REQUEST";
    public const string InvalidParameterValue = "INVALID_PARAMETER_VALUE";

    private static readonly string[] InputKeys = ["dataframe_split", "dataframe_records", "instances", "inputs"];

    private static readonly string ProtocolHint =
        "The input must be a JSON dictionary with exactly one of the input fields {'instances', 'inputs', 'dataframe_split', 'dataframe_records'}.";

    /// <summary>Samples from a scoring request body (a JSON object with one input field).</summary>
    public static (double[] Values, int Count) FromJson(ReadOnlySpan<byte> utf8, ModelPreprocessing model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return NumericSamplesJson.TryRead(utf8, model, out var samples, out var count) ? (samples, count) : FromDocument(utf8, model);
    }

    /// <summary>Samples from a scoring request body parsed as a document: every input field and form, and the errors (<see cref="FromJson"/> without its fast path).</summary>
    internal static (double[] Values, int Count) FromDocument(ReadOnlySpan<byte> utf8, ModelPreprocessing model)
    {
        ArgumentNullException.ThrowIfNull(model);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.ToArray());
        }
        catch (JsonException e)
        {
            throw new ModelInputException(BadRequest, $"Invalid input. Ensure that input is a valid JSON formatted string. Error: '{e.Message}'");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ModelInputException(BadRequest, $"Invalid input. {ProtocolHint} Received a {(root.ValueKind == JsonValueKind.Array ? "list" : root.ValueKind.ToString().ToLowerInvariant())}.");
            }

            var present = InputKeys.Where(k => root.TryGetProperty(k, out _)).ToList();
            if (present.Count != 1)
            {
                throw new ModelInputException(BadRequest, $"{ProtocolHint} Received dictionary with input fields: [{string.Join(", ", present.Select(p => $"'{p}'"))}].");
            }

            var value = root.GetProperty(present[0]);
            if (model.Text is { } text && Sentences(present[0], value) is { } sentences)
            {
                return FromSentences(sentences, text);
            }

            return present[0] switch
            {
                "dataframe_split" => FromSplit(value, model),
                "dataframe_records" => FromRecords(value, model),
                _ => FromInstances(value, model),
            };
        }
    }

    /// <summary>Samples from a CSV text whose first line names the columns (or holds numbers: then columns are positional).</summary>
    public static (double[] Values, int Count) FromCsv(string text, ModelPreprocessing model)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(model);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Where(l => l.Trim().Length > 0).ToList();
        if (lines.Count == 0)
        {
            throw new ModelInputException(BadRequest, "Failed to parse input as CSV: the body is empty; expected a header line naming the columns and one line per sample.");
        }

        var first = SplitCsv(lines[0]);
        var hasHeader = first.Any(c => !double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        if (model.Text is { } encoding && hasHeader && first.Count == 1)
        {
            // A text model's CSV of one column (its header, then one raw sentence a line, quoted or not).
            return FromSentences(lines.Skip(1).Select(l => SplitCsv(l) is { Count: 1 } cells ? cells[0] : l.Trim()).ToList(), encoding);
        }

        int[]? map = hasHeader ? Map(first, model) : null;
        var rows = lines.Skip(hasHeader ? 1 : 0).ToList();
        var width = model.FeatureCount;
        var values = new double[rows.Count * width];
        for (var r = 0; r < rows.Count; r++)
        {
            var cells = SplitCsv(rows[r]);
            var expected = hasHeader ? first.Count : width;
            if (cells.Count != expected)
            {
                throw new ModelInputException(BadRequest, $"CSV line {r + (hasHeader ? 2 : 1)} has {cells.Count} values, expected {expected}.");
            }

            for (var c = 0; c < width; c++)
            {
                var cell = cells[map is null ? c : map[c]];
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                {
                    throw new ModelInputException(BadRequest, $"CSV line {r + (hasHeader ? 2 : 1)}: '{cell}' in column '{model.FeatureNames[c]}' is not a number.");
                }

                values[(r * width) + c] = v;
            }
        }

        return (values, rows.Count);
    }

    private static (double[] Values, int Count) FromSplit(JsonElement split, ModelPreprocessing model)
    {
        if (split.ValueKind != JsonValueKind.Object || !split.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new ModelInputException(BadRequest, "Invalid input. 'dataframe_split' must be an object with a 'data' list of rows (and optionally 'columns').");
        }

        int[]? map = null;
        if (split.TryGetProperty("columns", out var columns) && columns.ValueKind == JsonValueKind.Array)
        {
            map = Map(columns.EnumerateArray().Select(c => c.ValueKind == JsonValueKind.String ? c.GetString()! : c.ToString()).ToList(), model);
        }

        var rows = data.EnumerateArray().ToList();
        var width = model.FeatureCount;
        var values = new double[rows.Count * width];
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            if (row.ValueKind != JsonValueKind.Array || (map is null ? row.GetArrayLength() != width : row.GetArrayLength() <= map.Max()))
            {
                throw new ModelInputException(InvalidParameterValue, $"Row {r} of 'dataframe_split' has {Length(row)} values; the model takes {width} ({Describe(model)}).");
            }

            for (var c = 0; c < width; c++)
            {
                values[(r * width) + c] = Number(row[map is null ? c : map[c]], r, model.FeatureNames[c]);
            }
        }

        return (values, rows.Count);
    }

    private static (double[] Values, int Count) FromRecords(JsonElement records, ModelPreprocessing model)
    {
        if (records.ValueKind != JsonValueKind.Array)
        {
            throw new ModelInputException(BadRequest, "Invalid input. 'dataframe_records' must be a list of objects, one per row, mapping column names to values.");
        }

        var rows = records.EnumerateArray().ToList();
        var width = model.FeatureCount;
        var values = new double[rows.Count * width];
        for (var r = 0; r < rows.Count; r++)
        {
            if (rows[r].ValueKind != JsonValueKind.Object)
            {
                throw new ModelInputException(BadRequest, $"Invalid input. Record {r} of 'dataframe_records' is not an object.");
            }

            if (Positional(rows[r], model) is { } cells)
            {
                // None of the names fit but the count does: values in order, as MLflow does for tensors.
                for (var c = 0; c < width; c++)
                {
                    values[(r * width) + c] = Number(cells[c].Value, r, cells[c].Name);
                }

                continue;
            }

            for (var c = 0; c < width; c++)
            {
                if (!rows[r].TryGetProperty(model.FeatureNames[c], out var cell))
                {
                    throw new ModelInputException(InvalidParameterValue, $"Record {r} has no column '{model.FeatureNames[c]}'; the model takes {Describe(model)}.");
                }

                values[(r * width) + c] = Number(cell, r, model.FeatureNames[c]);
            }
        }

        return (values, rows.Count);
    }

    /// <summary>A list of samples: each a list (nested as the feature shape, or flat) or an object of named columns.</summary>
    private static (double[] Values, int Count) FromInstances(JsonElement instances, ModelPreprocessing model)
    {
        if (instances.ValueKind == JsonValueKind.Object)
        {
            // TF-serving's columnar form: {"col": [v, ...], ...}.
            var names = model.FeatureNames;
            if (!instances.TryGetProperty(names[0], out var firstColumn) || firstColumn.ValueKind != JsonValueKind.Array)
            {
                throw new ModelInputException(InvalidParameterValue, $"The inputs object has no column '{names[0]}'; the model takes {Describe(model)}.");
            }

            var n = firstColumn.GetArrayLength();
            var result = new double[n * names.Count];
            for (var c = 0; c < names.Count; c++)
            {
                if (!instances.TryGetProperty(names[c], out var column) || column.ValueKind != JsonValueKind.Array || column.GetArrayLength() != n)
                {
                    throw new ModelInputException(InvalidParameterValue, $"The inputs object needs a list of {n} values for column '{names[c]}'.");
                }

                for (var r = 0; r < n; r++)
                {
                    result[(r * names.Count) + c] = Number(column[r], r, names[c]);
                }
            }

            return (result, n);
        }

        if (instances.ValueKind != JsonValueKind.Array)
        {
            throw new ModelInputException(BadRequest, "Invalid input. 'instances' and 'inputs' must be a list of samples.");
        }

        var rows = instances.EnumerateArray().ToList();
        if (rows.Count > 0 && rows.All(IsEncodedFile))
        {
            return FromEncodedImages(rows, model);
        }

        if (rows.Count > 0 && rows.All(r => r.ValueKind == JsonValueKind.Object))
        {
            return FromRecords(instances, model);
        }

        var width = model.FeatureCount;
        if (width == 1 && rows.All(r => r.ValueKind == JsonValueKind.Number))
        {
            return (rows.Select((r, i) => Number(r, i, model.FeatureNames[0])).ToArray(), rows.Count);
        }

        var values = new double[rows.Count * width];
        var buffer = new List<double>(width);
        for (var r = 0; r < rows.Count; r++)
        {
            buffer.Clear();
            Flatten(rows[r], buffer, r, model);
            if (buffer.Count != width)
            {
                throw new ModelInputException(InvalidParameterValue, $"Sample {r} has {buffer.Count} values; the model takes {width} ({Describe(model)}).");
            }

            buffer.CopyTo(values, r * width);
        }

        return (values, rows.Count);
    }

    /// <summary>Raw sentences, one sample each, as a text model's token indices.</summary>
    public static (double[] Values, int Count) FromSentences(IReadOnlyList<string> sentences, Crucible.Abstractions.TextEncoding text)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(text);
        var values = new double[sentences.Count * text.Length];
        for (var r = 0; r < sentences.Count; r++)
        {
            var encoded = text.Encode(sentences[r]);
            for (var j = 0; j < encoded.Length; j++)
            {
                values[(r * text.Length) + j] = encoded[j];
            }
        }

        return (values, sentences.Count);
    }

    /// <summary>
    /// The raw sentences of a request to a text model, or null when its samples are not text: a list
    /// of strings (<c>instances</c>, <c>inputs</c>), records of one string column, or
    /// <c>dataframe_split</c> rows of one string.
    /// </summary>
    private static List<string>? Sentences(string field, JsonElement value)
    {
        static string? One(JsonElement sample) => sample.ValueKind switch
        {
            JsonValueKind.String => sample.GetString(),
            JsonValueKind.Object when sample.EnumerateObject().Count() == 1 && sample.EnumerateObject().First().Value.ValueKind == JsonValueKind.String => sample.EnumerateObject().First().Value.GetString(),
            JsonValueKind.Array when sample.GetArrayLength() == 1 && sample[0].ValueKind == JsonValueKind.String => sample[0].GetString(),
            _ => null,
        };

        var rows = field == "dataframe_split"
            ? value.ValueKind == JsonValueKind.Object && value.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array ? data : default
            : value;
        if (rows.ValueKind != JsonValueKind.Array || rows.GetArrayLength() == 0)
        {
            return null;
        }

        var sentences = rows.EnumerateArray().Select(One).ToList();
        return sentences.All(s => s is not null) ? sentences.Select(s => s!).ToList() : null;
    }

    /// <summary>TF Serving's (and MLflow's tensor input's) encoding of binary data: <c>{"b64": "base64 bytes"}</c>.</summary>
    private static bool IsEncodedFile(JsonElement sample) =>
        sample.ValueKind == JsonValueKind.Object && sample.TryGetProperty("b64", out var b64) && b64.ValueKind == JsonValueKind.String && sample.EnumerateObject().Count() == 1;

    /// <summary>Image files sent as <c>{"b64": ...}</c> samples, each decoded as <c>crucible predict</c> reads an image file.</summary>
    private static (double[] Values, int Count) FromEncodedImages(List<JsonElement> samples, ModelPreprocessing model)
    {
        if (!model.IsImage)
        {
            throw new ModelInputException(InvalidParameterValue, $"The samples are encoded files ({{\"b64\": ...}}), but the model does not take images; it takes {Describe(model)}.");
        }

        var width = model.FeatureCount;
        var values = new double[samples.Count * width];
        for (var r = 0; r < samples.Count; r++)
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(samples[r].GetProperty("b64").GetString()!);
            }
            catch (FormatException)
            {
                throw new ModelInputException(BadRequest, $"Invalid input. Sample {r}: 'b64' is not base64-encoded data.");
            }

            ImageFile.Decode(bytes, $"Sample {r} (b64)", model).CopyTo(values, r * width);
        }

        return (values, samples.Count);
    }

    private static void Flatten(JsonElement element, List<double> into, int row, ModelPreprocessing model)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Flatten(item, into, row, model);
            }

            return;
        }

        into.Add(Number(element, row, into.Count < model.FeatureNames.Count ? model.FeatureNames[into.Count] : "?"));
    }

    /// <summary>A record's properties in order, when it has exactly the model's width and none of its feature names.</summary>
    private static List<JsonProperty>? Positional(JsonElement record, ModelPreprocessing model)
    {
        var properties = record.EnumerateObject().ToList();
        return properties.Count == model.FeatureCount && !model.FeatureNames.Any(f => record.TryGetProperty(f, out _)) ? properties : null;
    }

    private static int[] Map(List<string> columns, ModelPreprocessing model)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            index.TryAdd(columns[i].Trim(), i);
        }

        var missing = model.FeatureNames.Where(f => !index.ContainsKey(f)).ToList();
        if (missing.Count > 0)
        {
            if (columns.Count == model.FeatureCount && missing.Count == model.FeatureCount)
            {
                // None of the names fit but the count does: columns are taken in order, as MLflow does for tensors.
                return Enumerable.Range(0, columns.Count).ToArray();
            }

            throw new ModelInputException(InvalidParameterValue, $"Missing column(s) {string.Join(", ", missing.Take(5).Select(m => $"'{m}'"))}{(missing.Count > 5 ? $" and {missing.Count - 5} more" : string.Empty)}; the model takes {Describe(model)}.");
        }

        return model.FeatureNames.Select(f => index[f]).ToArray();
    }

    private static double Number(JsonElement cell, int row, string column)
    {
        if (cell.ValueKind == JsonValueKind.Number)
        {
            return cell.GetDouble();
        }

        if (cell.ValueKind == JsonValueKind.String && double.TryParse(cell.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw new ModelInputException(BadRequest, $"Invalid input. Row {row}, column '{column}': could not convert {cell.GetRawText()} to a number.");
    }

    private static int Length(JsonElement row) => row.ValueKind == JsonValueKind.Array ? row.GetArrayLength() : 1;

    private static string Describe(ModelPreprocessing model) =>
        ModelSignature.IsColumnar(model)
            ? $"columns {string.Join(", ", model.FeatureNames.Take(8))}{(model.FeatureNames.Count > 8 ? ", ..." : string.Empty)}"
            : $"samples of shape [{string.Join(", ", model.FeatureShape)}]";

    private static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString().Trim());
        return cells;
    }
}
