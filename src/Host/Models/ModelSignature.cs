using System.Text.Json;
using System.Text.Json.Nodes;

namespace Crucible.Host.Models;

/// <summary>
/// A logged model's signature in MLflow's schema format: named <c>double</c> columns for tabular
/// inputs (raw units), one <c>string</c> column of raw sentences for a text model, a <c>float32</c>
/// tensor spec for images, sequences and noise vectors; a <c>string</c> column (the class name) for a
/// classifier's output, <c>double</c> columns for regression targets, a <c>float64</c> tensor spec for
/// an output shaped like a sample (a reconstruction, a generated image). MLmodel holds each side as a JSON string.
/// </summary>
internal static class ModelSignature
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Whether inputs are named columns (a DataFrame) rather than one tensor.</summary>
    public static bool IsColumnar(ModelPreprocessing preprocessing)
    {
        ArgumentNullException.ThrowIfNull(preprocessing);
        return preprocessing.IsColumnar;
    }

    /// <summary>The name of a text model's one input column: the data's text column, else <c>text</c>.</summary>
    public static string TextColumn(ModelPreprocessing preprocessing)
    {
        ArgumentNullException.ThrowIfNull(preprocessing);
        return preprocessing.FeatureNames.Count == 1 ? preprocessing.FeatureNames[0] : "text";
    }

    public static string Inputs(ModelPreprocessing preprocessing)
    {
        ArgumentNullException.ThrowIfNull(preprocessing);
        var array = new JsonArray();
        if (preprocessing.IsText)
        {
            array.Add(Column("string", TextColumn(preprocessing)));
        }
        else if (IsColumnar(preprocessing))
        {
            foreach (var name in preprocessing.FeatureNames)
            {
                array.Add(Column("double", name));
            }
        }
        else
        {
            array.Add(Tensor(preprocessing.VocabularySize is null ? "float32" : "int64", preprocessing.FeatureShape));
        }

        return Python(array);
    }

    public static string Outputs(ModelPreprocessing preprocessing)
    {
        ArgumentNullException.ThrowIfNull(preprocessing);
        var array = new JsonArray();
        if (preprocessing.TargetShape is { } target)
        {
            array.Add(Tensor("float64", target));
            return Python(array);
        }

        foreach (var name in preprocessing.OutputNames())
        {
            array.Add(Column(preprocessing.IsClassifier ? "string" : "double", name));
        }

        return Python(array);
    }

    private static JsonObject Tensor(string dtype, IReadOnlyList<long> sampleShape)
    {
        var shape = new JsonArray(-1);
        foreach (var d in sampleShape)
        {
            shape.Add(d);
        }

        return new JsonObject { ["type"] = "tensor", ["tensor-spec"] = new JsonObject { ["dtype"] = dtype, ["shape"] = shape } };
    }

    private static JsonObject Column(string type, string name) => new() { ["type"] = type, ["name"] = name, ["required"] = true };

    /// <summary>JSON as Python's <c>json.dumps</c> writes it (", " and ": " separators), as MLflow stores signatures.</summary>
    internal static string Python(JsonNode node)
    {
        var text = node.ToJsonString(Compact);
        var result = new System.Text.StringBuilder(text.Length + 64);
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            result.Append(c);
            if (inString)
            {
                if (c == '\\')
                {
                    result.Append(text[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c is ',' or ':')
            {
                result.Append(' ');
            }
        }

        return result.ToString();
    }
}
