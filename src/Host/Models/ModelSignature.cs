using System.Text.Json;
using System.Text.Json.Nodes;

namespace Crucible.Host.Models;

/// <summary>
/// A logged model's signature in MLflow's schema format: named <c>double</c> columns for tabular
/// inputs (raw units), a <c>float32</c> tensor spec for images and sequences; a <c>string</c> column
/// (the class name) for a classifier's output and <c>double</c> columns for regression targets.
/// MLmodel holds each side as a JSON string.
/// </summary>
internal static class ModelSignature
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Whether inputs are named columns (a DataFrame) rather than one tensor.</summary>
    public static bool IsColumnar(ModelPreprocessing preprocessing)
    {
        ArgumentNullException.ThrowIfNull(preprocessing);
        return preprocessing.FeatureShape.Count == 1 && preprocessing.VocabularySize is null;
    }

    public static string Inputs(ModelPreprocessing preprocessing)
    {
        ArgumentNullException.ThrowIfNull(preprocessing);
        var array = new JsonArray();
        if (IsColumnar(preprocessing))
        {
            foreach (var name in preprocessing.FeatureNames)
            {
                array.Add(Column("double", name));
            }
        }
        else
        {
            var shape = new JsonArray(-1);
            foreach (var d in preprocessing.FeatureShape)
            {
                shape.Add(d);
            }

            array.Add(new JsonObject
            {
                ["type"] = "tensor",
                ["tensor-spec"] = new JsonObject { ["dtype"] = preprocessing.VocabularySize is null ? "float32" : "int64", ["shape"] = shape },
            });
        }

        return Python(array);
    }

    public static string Outputs(ModelPreprocessing preprocessing)
    {
        ArgumentNullException.ThrowIfNull(preprocessing);
        var array = new JsonArray();
        foreach (var name in preprocessing.OutputNames())
        {
            array.Add(Column(preprocessing.IsClassifier ? "string" : "double", name));
        }

        return Python(array);
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
