using System.Text.Json;
using System.Text.Json.Nodes;
using Crucible.Abstractions;
using Crucible.Host.Configuration;
using Crucible.Host.Plugins;
using Crucible.Torch;
using Crucible.Torch.Nn;

namespace Crucible.Host.Models;

/// <summary>
/// A logged model loaded from its folder for inference: the network built again by its model plugin
/// from the recorded experiment, its weights, and its preprocessing. <see cref="Predict"/> takes raw
/// samples and answers in the data's units; the network runs on libtorch (the trained module) or on
/// ONNX Runtime (the model's <c>onnx</c> flavor). Not thread-safe: one caller at a time (the server batches).
/// </summary>
internal sealed class TrainedModel : IDisposable
{
    public const string LibTorch = "libtorch";
    public const string Onnx = "onnx";

    private readonly IModelEngine engine;

    private TrainedModel(IModelEngine engine, ModelPreprocessing preprocessing, IReadOnlyDictionary<string, object?> mlModel, string folder)
    {
        this.engine = engine;
        Preprocessing = preprocessing;
        MlModel = mlModel;
        Folder = folder;
    }

    public ModelPreprocessing Preprocessing { get; }

    public IReadOnlyDictionary<string, object?> MlModel { get; }

    public string Folder { get; }

    public string? RunId => MlModel.GetValueOrDefault("run_id") as string;

    /// <summary>What runs the network: <c>libtorch</c> or <c>onnx</c>.</summary>
    public string Engine => engine.Name;

    /// <summary>
    /// Loads the model in <paramref name="folder"/> to run on <paramref name="engineName"/> with
    /// <paramref name="threads"/> compute threads; <see cref="ModelLoadException"/> says what is wrong with it.
    /// </summary>
    public static TrainedModel Load(string folder, PluginCatalog catalog, string engineName = LibTorch, int threads = 1)
    {
        var (mlModelPath, mlModel, flavors, flavor, preprocessing, module) = Open(folder, catalog);
        if (engineName == LibTorch)
        {
            return new TrainedModel(new LibTorchEngine(module, preprocessing.FeatureShape, preprocessing.VocabularySize is not null, threads), preprocessing, mlModel, folder);
        }

        using (module)
        {
            if (engineName != Onnx)
            {
                throw new ModelLoadException($"Unknown engine '{engineName}': use {LibTorch} or {Onnx}.");
            }

            if (flavors.GetValueOrDefault(ModelFolder.OnnxFlavorName) is not IReadOnlyDictionary<string, object?> onnx)
            {
                throw new ModelLoadException($"{mlModelPath}: the model has no '{ModelFolder.OnnxFlavorName}' flavor ({OnnxReason(flavor)}); serve it with --engine {LibTorch}.");
            }

            var file = FlavorFile(folder, onnx, "data", ModelFolder.OnnxFile, ModelFolder.OnnxFlavorName);
            try
            {
                return new TrainedModel(new OnnxEngine(file, preprocessing.FeatureShape, preprocessing.VocabularySize is not null, threads), preprocessing, mlModel, folder);
            }
            catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException e)
            {
                throw new ModelLoadException($"{file}: ONNX Runtime cannot load it: {e.Message}");
            }
        }
    }

    /// <summary>
    /// The trained network of the model in <paramref name="folder"/> (built by its model plugin from the
    /// recorded experiment, with its weights, in evaluation mode) and its preprocessing; the caller owns the module.
    /// </summary>
    public static (Module Module, ModelPreprocessing Preprocessing) LoadModule(string folder, PluginCatalog catalog)
    {
        var (_, _, _, _, preprocessing, module) = Open(folder, catalog);
        return (module, preprocessing);
    }

    private static (string MlModelPath, Dictionary<string, object?> MlModel, IReadOnlyDictionary<string, object?> Flavors, IReadOnlyDictionary<string, object?> Flavor, ModelPreprocessing Preprocessing, Module Module) Open(string folder, PluginCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(catalog);
        var mlModelPath = Path.Combine(folder, ModelFolder.MlModelFile);
        if (!File.Exists(mlModelPath))
        {
            throw new ModelLoadException($"'{folder}' is not a model folder: it has no {ModelFolder.MlModelFile} file.");
        }

        Dictionary<string, object?> mlModel;
        try
        {
            mlModel = MlModelYaml.Read(File.ReadAllText(mlModelPath));
        }
        catch (FormatException e)
        {
            throw new ModelLoadException($"{mlModelPath}: {e.Message}");
        }

        if (mlModel.GetValueOrDefault("flavors") is not IReadOnlyDictionary<string, object?> flavors
            || flavors.GetValueOrDefault(ModelFolder.FlavorName) is not IReadOnlyDictionary<string, object?> flavor)
        {
            throw new ModelLoadException($"{mlModelPath}: the model has no '{ModelFolder.FlavorName}' flavor; only models logged by Crucible can be loaded.");
        }

        var preprocessing = ReadJson<ModelPreprocessing>(folder, flavor, "preprocessing", ModelFolder.PreprocessingFile);
        var experiment = ReadJson<JsonObject>(folder, flavor, "experiment", ModelFolder.ExperimentFile);
        var module = CreateModule(experiment, flavor.GetValueOrDefault(ModelLogger.RoleKey) as string, preprocessing, catalog, folder);
        try
        {
            var weights = FlavorFile(folder, flavor, "data", ModelFolder.WeightsFile);
            module.Load(weights);
            module.Eval();
        }
        catch (Exception e) when (e is TorchException or IOException)
        {
            module.Dispose();
            throw new ModelLoadException($"{folder}: the weights do not load into the '{experiment["model"]?["name"]}' model: {e.Message}");
        }

        return (mlModelPath, mlModel, flavors, flavor, preprocessing, module);
    }

    /// <summary>Runs the network on <paramref name="count"/> raw samples laid out one after another; one prediction each.</summary>
    public Prediction[] Predict(ReadOnlySpan<double> raw, int count)
    {
        var width = Preprocessing.FeatureCount;
        if (raw.Length != count * width)
        {
            throw new ArgumentException($"Expected {count} x {width} values, got {raw.Length}.", nameof(raw));
        }

        if (count == 0)
        {
            return [];
        }

        var scaled = new float[raw.Length];
        Preprocessing.ScaleFeatures(scaled, raw);
        var outputs = engine.Forward(scaled, count);

        var outputWidth = outputs.Length / count;
        var result = new Prediction[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = Preprocessing.Decode(outputs.AsSpan(i * outputWidth, outputWidth));
        }

        return result;
    }

    public void Dispose() => engine.Dispose();

    /// <summary>Why a model has no onnx flavor, as its crucible flavor recorded it.</summary>
    private static string OnnxReason(IReadOnlyDictionary<string, object?> flavor) =>
        flavor.GetValueOrDefault(ModelFolder.OnnxErrorKey) as string is { } reason
            ? $"it did not export: {reason}"
            : "it was logged without one";

    /// <summary>The network of the model section (<c>model</c>, or <c>models.ROLE</c> for a task's role such as a GAN's generator).</summary>
    private static Module CreateModule(JsonObject experiment, string? role, ModelPreprocessing preprocessing, PluginCatalog catalog, string folder)
    {
        var (node, path) = role is null ? (experiment["model"], "$.model") : (experiment["models"]?[role], $"$.models.{role}");
        if (node is not JsonObject section || section["name"]?.GetValue<string>() is not { } name)
        {
            throw new ModelLoadException($"{folder}/{ModelFolder.ExperimentFile}: there is no {path[2..]} section with a name.");
        }

        var descriptor = catalog.Find(PluginKind.Model, name)
            ?? throw new ModelLoadException($"The model needs the model plugin '{name}', which is not installed (available: {string.Join(", ", catalog.Names(PluginKind.Model))}).");
        var problems = new ProblemCollector(_ => Path.Combine(folder, ModelFolder.ExperimentFile));
        var options = new OptionsBinder(problems).BindObject(section, descriptor.OptionsType, path, $"model '{name}'", "name");
        if (problems.HasProblems)
        {
            throw new ModelLoadException(string.Join(Environment.NewLine, problems.Problems.Select(p => p.ToString())));
        }

        var plugin = (IModel)catalog.Resolve(descriptor);
        var module = plugin.Create(options, new ModelContext { Device = Device.Cpu, Dataset = preprocessing.ToMetadata() });
        return module;
    }

    private static T ReadJson<T>(string folder, IReadOnlyDictionary<string, object?> flavor, string key, string fallback)
        where T : class
    {
        var path = FlavorFile(folder, flavor, key, fallback);
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), ModelPreprocessing.Json)
                ?? throw new ModelLoadException($"{path}: empty.");
        }
        catch (JsonException e)
        {
            throw new ModelLoadException($"{path}: {e.Message}");
        }
    }

    private static string FlavorFile(string folder, IReadOnlyDictionary<string, object?> flavor, string key, string fallback, string flavorName = ModelFolder.FlavorName)
    {
        var relative = flavor.GetValueOrDefault(key) as string ?? fallback;
        var full = Path.GetFullPath(Path.Combine(folder, relative));
        if (!full.StartsWith(Path.GetFullPath(folder), StringComparison.Ordinal) || !File.Exists(full))
        {
            throw new ModelLoadException($"{folder}: the '{flavorName}' flavor's {key} file '{relative}' is missing.");
        }

        return full;
    }
}
