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
/// samples and answers in the data's units. Not thread-safe: one caller at a time (the server batches).
/// </summary>
internal sealed class TrainedModel : IDisposable
{
    private readonly Module module;

    private TrainedModel(Module module, ModelPreprocessing preprocessing, IReadOnlyDictionary<string, object?> mlModel, string folder)
    {
        this.module = module;
        Preprocessing = preprocessing;
        MlModel = mlModel;
        Folder = folder;
    }

    public ModelPreprocessing Preprocessing { get; }

    public IReadOnlyDictionary<string, object?> MlModel { get; }

    public string Folder { get; }

    public string? RunId => MlModel.GetValueOrDefault("run_id") as string;

    /// <summary>Loads the model in <paramref name="folder"/>; <see cref="ModelLoadException"/> says what is wrong with it.</summary>
    public static TrainedModel Load(string folder, PluginCatalog catalog)
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
        var module = CreateModule(experiment, preprocessing, catalog, folder);
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

        return new TrainedModel(module, preprocessing, mlModel, folder);
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
        float[] outputs;
        using (torch.NewDisposeScope())
        using (torch.NoGrad())
        {
            var x = torch.Tensor(scaled, [count, .. Preprocessing.FeatureShape], Device.Cpu);
            outputs = module.Forward(x).Detach().To(ScalarType.Float32).Reshape([count, -1]).Contiguous().ToArray<float>();
        }

        var outputWidth = outputs.Length / count;
        var result = new Prediction[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = Preprocessing.Decode(outputs.AsSpan(i * outputWidth, outputWidth));
        }

        return result;
    }

    public void Dispose() => module.Dispose();

    private static Module CreateModule(JsonObject experiment, ModelPreprocessing preprocessing, PluginCatalog catalog, string folder)
    {
        if (experiment["model"] is not JsonObject section || section["name"]?.GetValue<string>() is not { } name)
        {
            throw new ModelLoadException($"{folder}/{ModelFolder.ExperimentFile}: there is no model section with a name.");
        }

        var descriptor = catalog.Find(PluginKind.Model, name)
            ?? throw new ModelLoadException($"The model needs the model plugin '{name}', which is not installed (available: {string.Join(", ", catalog.Names(PluginKind.Model))}).");
        var problems = new ProblemCollector(_ => Path.Combine(folder, ModelFolder.ExperimentFile));
        var options = new OptionsBinder(problems).BindObject(section, descriptor.OptionsType, "$.model", $"model '{name}'", "name");
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

    private static string FlavorFile(string folder, IReadOnlyDictionary<string, object?> flavor, string key, string fallback)
    {
        var relative = flavor.GetValueOrDefault(key) as string ?? fallback;
        var full = Path.GetFullPath(Path.Combine(folder, relative));
        if (!full.StartsWith(Path.GetFullPath(folder), StringComparison.Ordinal) || !File.Exists(full))
        {
            throw new ModelLoadException($"{folder}: the '{ModelFolder.FlavorName}' flavor's {key} file '{relative}' is missing.");
        }

        return full;
    }
}
