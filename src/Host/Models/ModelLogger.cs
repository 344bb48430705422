using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crucible.Abstractions;
using Crucible.Host.Configuration;
using Crucible.Host.Export;
using Crucible.Host.Training;
using Crucible.Onnx;
using Crucible.Torch;
using Crucible.Torch.Nn;
using Crucible.Tracking;
using Crucible.Tracking.Model;
using Experiment = Crucible.Host.Configuration.Experiment;
using Module = Crucible.Torch.Nn.Module;

namespace Crucible.Host.Models;

/// <summary>
/// Logs a trained model as the run's <c>model/</c> artifact in MLflow's Model format: an
/// <c>MLmodel</c> with the <c>crucible</c> flavor (weights, the resolved experiment, plugin names,
/// versions and SHA-256, the preprocessing), MLflow's <c>onnx</c> flavor (<c>model.onnx</c>) when every
/// layer exports (else the crucible flavor's <c>onnx_export_error</c> names the layer), a signature and
/// an input example; and the <c>mlflow.log-model.history</c> tag through which MLflow's UI lists it in the Models column.
/// The model is the task's primary model role as the task describes it (<see cref="TrainingTask.ModelData"/>):
/// the supervised model maps features to targets, an autoencoder images to reconstructions, a GAN's
/// generator noise vectors to images.
/// </summary>
internal static class ModelLogger
{
    public const int ExampleRows = 3;

    /// <summary>The flavor key naming the model's role in a task with several (<c>generator</c>); absent for the single <c>model</c>.</summary>
    public const string RoleKey = "model_role";

    /// <summary>The flavor key naming the training task when it is not <c>supervised</c>.</summary>
    public const string TaskKey = "training_task";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// Writes the folder under <paramref name="outputDirectory"/> and logs it; returns the folder.
    /// <paramref name="metadata"/> is what the model was built with (the task's model data);
    /// <paramref name="example"/> holds its first inputs, or null when its inputs are not the data's
    /// (a generator's noise: the example is then standard normal vectors).
    /// </summary>
    public static string Log(TrackedRun run, Experiment experiment, Module model, DatasetMetadata metadata, DataSplit? example, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(experiment);
        var folder = Path.Combine(outputDirectory, "logged-model", ModelFolder.ArtifactPath);
        var mlmodel = Write(folder, run.RunId, experiment, model, metadata, example);
        run.LogArtifact(folder, ModelFolder.ArtifactPath);
        run.SetTag(ModelFolder.HistoryTag, HistoryValue(mlmodel));
        return folder;
    }

    /// <summary>Writes the model folder and returns the MLmodel content as a mapping.</summary>
    public static Dictionary<string, object?> Write(string folder, string runId, Experiment experiment, Module model, DatasetMetadata metadata, DataSplit? example)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(metadata);
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        var preprocessing = ModelPreprocessing.From(metadata, Threshold(experiment.Resolved));
        model.Save(Path.Combine(folder, ModelFolder.WeightsFile));
        // Masked as the run's own experiment.json: a secret in the experiment file is recorded nowhere.
        File.WriteAllText(Path.Combine(folder, ModelFolder.ExperimentFile), ExperimentParams.MaskedJson(experiment.Resolved));
        File.WriteAllText(Path.Combine(folder, ModelFolder.PreprocessingFile), JsonSerializer.Serialize(preprocessing, ModelPreprocessing.Json));

        Dictionary<string, object?>? exampleInfo = null;
        var exampleText = example is { Count: > 0 } ? InputExample(example, preprocessing)
            : preprocessing.TensorInput == true ? NoiseExample(preprocessing)
            : null;
        if (exampleText is not null)
        {
            File.WriteAllText(Path.Combine(folder, ModelFolder.InputExampleFile), exampleText);
            exampleInfo = ModelSignature.IsColumnar(preprocessing) || preprocessing.IsText
                ? new() { ["artifact_path"] = ModelFolder.InputExampleFile, ["pandas_orient"] = "split", ["type"] = "dataframe" }
                : new() { ["artifact_path"] = ModelFolder.InputExampleFile, ["format"] = "tf-serving", ["type"] = "ndarray" };
        }

        var plugins = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var assembly in experiment.PluginAssemblies)
        {
            plugins[assembly.Name] = new Dictionary<string, object?> { ["version"] = assembly.Version, ["sha256"] = assembly.Sha256 };
        }

        string? onnxError = null;
        try
        {
            File.WriteAllBytes(Path.Combine(folder, ModelFolder.OnnxFile), OnnxExporter.Export(model, OnnxModelOptions.For(metadata, runId)));
        }
        catch (OnnxExportException e)
        {
            onnxError = e.Message.ReplaceLineEndings(" ");
        }

        var host = typeof(ModelLogger).Assembly;
        var flavor = new Dictionary<string, object?>
        {
            ["crucible_version"] = host.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? host.GetName().Version?.ToString() ?? "unknown",
            ["libtorch_version"] = torch.Version,
            ["data"] = ModelFolder.WeightsFile,
            ["experiment"] = ModelFolder.ExperimentFile,
            ["preprocessing"] = ModelFolder.PreprocessingFile,
            ["dataset"] = experiment.Dataset.Name,
            ["model"] = experiment.Model.Name,
            ["task"] = metadata.TaskKind == TaskKind.Classification ? "classification" : "regression",
            ["plugins"] = plugins,
        };
        if (experiment.Task is { } task && !string.Equals(task.Name, "supervised", StringComparison.Ordinal))
        {
            flavor[TaskKey] = task.Name;
        }

        if (experiment.Roles.Models[0] is var role && role != TaskRoles.Model)
        {
            flavor[RoleKey] = role;
        }

        var flavors = new Dictionary<string, object?> { [ModelFolder.FlavorName] = flavor };
        if (onnxError is null)
        {
            // MLflow's onnx flavor (mlflow.onnx.load_model reads data); the graph takes scaled inputs,
            // its metadata_props carry the scaling and class names.
            flavors[ModelFolder.OnnxFlavorName] = new Dictionary<string, object?>
            {
                ["code"] = null,
                ["data"] = ModelFolder.OnnxFile,
                ["ir_version"] = (long)OnnxExporter.IrVersion,
                ["opset"] = (long)OnnxGraph.Opset,
            };
        }
        else
        {
            flavor[ModelFolder.OnnxErrorKey] = onnxError;
        }

        var mlmodel = new Dictionary<string, object?>
        {
            ["artifact_path"] = ModelFolder.ArtifactPath,
            ["flavors"] = flavors,
            ["model_uuid"] = Guid.NewGuid().ToString("N"),
            ["run_id"] = runId,
            ["saved_input_example_info"] = exampleInfo,
            ["signature"] = new Dictionary<string, object?>
            {
                ["inputs"] = ModelSignature.Inputs(preprocessing),
                ["outputs"] = ModelSignature.Outputs(preprocessing),
                ["params"] = null,
            },
            ["utc_time_created"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        };
        mlmodel["model_size_bytes"] = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        File.WriteAllText(Path.Combine(folder, ModelFolder.MlModelFile), MlModelYaml.Write(mlmodel));
        return mlmodel;
    }

    /// <summary>The history tag's value: a JSON list with this model's MLmodel as a dict, as MLflow's server appends it.</summary>
    internal static string HistoryValue(IReadOnlyDictionary<string, object?> mlmodel)
    {
        var entry = ToJson(mlmodel);
        var text = ModelSignature.Python(new JsonArray(entry));
        if (text.Length > MlflowValidator.MaxTagValueLength && entry["signature"] is JsonObject signature)
        {
            // The UI reads only the path, the flavors and the time; a wide signature stays in MLmodel.
            signature["inputs"] = null;
            text = ModelSignature.Python(new JsonArray(entry.DeepClone()));
        }

        return text;
    }

    private static JsonObject ToJson(IReadOnlyDictionary<string, object?> mapping)
    {
        var json = new JsonObject();
        foreach (var (key, value) in mapping)
        {
            json[key] = value switch
            {
                null => null,
                IReadOnlyDictionary<string, object?> nested => ToJson(nested),
                string s => s,
                long l => l,
                int i => i,
                double d => d,
                bool b => b,
                _ => value.ToString(),
            };
        }

        return json;
    }

    /// <summary>The decision threshold of a single-output classifier, as the run's accuracy metric used it.</summary>
    private static double Threshold(JsonElement resolved)
    {
        if (resolved.TryGetProperty("metrics", out var metrics) && metrics.ValueKind == JsonValueKind.Array)
        {
            foreach (var metric in metrics.EnumerateArray())
            {
                if (metric.ValueKind == JsonValueKind.Object && metric.TryGetProperty("threshold", out var t) && t.ValueKind == JsonValueKind.Number)
                {
                    return t.GetDouble();
                }
            }
        }

        return 0;
    }

    /// <summary>
    /// The first test samples in the data's raw units: a split DataFrame for columns and for a text
    /// model's sentences (its token indices read back as words), tf-serving inputs for tensors.
    /// </summary>
    private static string InputExample(DataSplit split, ModelPreprocessing preprocessing)
    {
        var columnar = ModelSignature.IsColumnar(preprocessing);
        using var scope = torch.NewDisposeScope();
        var n = Math.Min(ExampleRows, split.Count);
        var rows = split.Features.Narrow(0, 0, n).Detach().To(Device.Cpu).To(ScalarType.Float64).Reshape([n, -1]).Contiguous().ToArray<double>();
        var width = rows.Length / (int)n;
        var scaler = preprocessing.FeatureScaling;
        var data = new JsonArray();
        if (preprocessing.Text is { } text)
        {
            for (var r = 0; r < n; r++)
            {
                data.Add(new JsonArray(Sentence(rows.AsSpan(r * width, width), text)));
            }

            return ModelSignature.Python(new JsonObject
            {
                ["columns"] = new JsonArray(ModelSignature.TextColumn(preprocessing)),
                ["data"] = data,
            });
        }

        for (var r = 0; r < n; r++)
        {
            var values = new double[width];
            for (var c = 0; c < width; c++)
            {
                var v = rows[(r * width) + c];
                values[c] = scaler is null || scaler.Offset.Count == 0 ? v : Math.Round((v * scaler.Scale[c % scaler.Offset.Count]) + scaler.Offset[c % scaler.Offset.Count], 6);
            }

            data.Add(columnar ? new JsonArray(values.Select(v => (JsonNode?)v).ToArray()) : Nest(values, preprocessing.FeatureShape, 0, 0).Node);
        }

        if (columnar)
        {
            return ModelSignature.Python(new JsonObject
            {
                ["columns"] = new JsonArray(preprocessing.FeatureNames.Select(f => (JsonNode?)f).ToArray()),
                ["data"] = data,
            });
        }

        return ModelSignature.Python(new JsonObject { ["inputs"] = data });
    }

    /// <summary>A sample's token indices as the words they stand for (padding dropped): a sentence the model reads back to the same indices.</summary>
    private static string Sentence(ReadOnlySpan<double> indices, TextEncoding text)
    {
        var words = new List<string>();
        foreach (var index in indices)
        {
            var i = (int)index;
            if (i != TextEncoding.PadIndex && i >= 0 && i < text.Tokens.Count)
            {
                words.Add(text.Tokens[i]);
            }
        }

        return string.Join(' ', words);
    }

    /// <summary>
    /// Standard normal noise vectors for a generator (drawn from a fixed seed, not libtorch's
    /// generator); a conditional generator's (its class names name the one-hot columns that end its
    /// input) ask for classes 0, 1, 2.
    /// </summary>
    private static string NoiseExample(ModelPreprocessing preprocessing)
    {
        var random = new Random(0);
        var classes = preprocessing.IsClassifier ? 0 : preprocessing.ClassNames?.Count ?? 0;
        var latent = preprocessing.FeatureCount - classes;
        var data = new JsonArray();
        for (var r = 0; r < ExampleRows; r++)
        {
            var row = new JsonArray();
            for (var c = 0; c < latent; c++)
            {
                // Box-Muller: u1 in (0, 1] keeps the logarithm finite.
                var u1 = 1.0 - random.NextDouble();
                var u2 = random.NextDouble();
                row.Add(Math.Round(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2), 6));
            }

            for (var k = 0; k < classes; k++)
            {
                row.Add(k == r % classes ? 1.0 : 0.0);
            }

            data.Add(row);
        }

        return ModelSignature.Python(new JsonObject { ["inputs"] = data });
    }

    private static (JsonNode Node, int Next) Nest(double[] values, IReadOnlyList<long> shape, int dimension, int start)
    {
        var array = new JsonArray();
        if (dimension == shape.Count - 1)
        {
            for (var i = 0; i < shape[dimension]; i++)
            {
                array.Add(values[start + i]);
            }

            return (array, start + (int)shape[dimension]);
        }

        var next = start;
        for (var i = 0; i < shape[dimension]; i++)
        {
            (var child, next) = Nest(values, shape, dimension + 1, next);
            array.Add(child);
        }

        return (array, next);
    }
}
