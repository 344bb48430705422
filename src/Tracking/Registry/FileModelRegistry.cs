using System.Globalization;
using System.Text.RegularExpressions;
using Crucible.Tracking.FileStore;

namespace Crucible.Tracking.Registry;

/// <summary>
/// The Model Registry of a local file store, written as MLflow's <c>FileStore</c> registry keeps it:
/// <c>models/NAME/meta.yaml</c> and <c>models/NAME/version-N/meta.yaml</c> (PyYAML, sorted keys,
/// timestamps in ms), so MLflow's client and UI read what Crucible registered and the reverse.
/// </summary>
public sealed partial class FileModelRegistry : IModelRegistry
{
    private const string Models = "models";
    private const string Meta = "meta.yaml";
    private readonly string root;

    /// <summary>Opens the registry of the store at <paramref name="storeRoot"/> (the <c>mlruns</c> folder).</summary>
    public FileModelRegistry(string storeRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(storeRoot);
        root = Path.GetFullPath(storeRoot);
    }

    /// <inheritdoc />
    public Task<bool> CreateRegisteredModelAsync(string name, CancellationToken cancellationToken = default)
    {
        var folder = ModelFolder(name);
        using var storeLock = StoreLock.Acquire(root);
        if (File.Exists(Path.Combine(folder, Meta)))
        {
            return Task.FromResult(false);
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Directory.CreateDirectory(folder);
        WriteAtomic(Path.Combine(folder, Meta), YamlWriter.Write(new Dictionary<string, object?>
        {
            ["aliases"] = new Dictionary<string, string>(),
            ["creation_timestamp"] = now,
            ["description"] = null,
            ["last_updated_timestamp"] = now,
            ["name"] = name,
        }));
        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public Task<ModelVersion> CreateModelVersionAsync(string name, string source, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        var folder = ModelFolder(name);
        using var storeLock = StoreLock.Acquire(root);
        var modelMeta = Path.Combine(folder, Meta);
        if (!File.Exists(modelMeta))
        {
            throw new ResourceNotFoundException($"Registered Model with name={name} not found");
        }

        // Deleted versions stay on disk (Deleted_Internal), so their numbers are never reused.
        var next = Directory.EnumerateDirectories(folder, "version-*")
            .Select(d => int.TryParse(Path.GetFileName(d)["version-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .DefaultIfEmpty(0)
            .Max() + 1;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var versionFolder = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"version-{next}"));
        Directory.CreateDirectory(versionFolder);
        WriteAtomic(Path.Combine(versionFolder, Meta), YamlWriter.Write(new Dictionary<string, object?>
        {
            ["aliases"] = YamlWriter.EmptyList,
            ["creation_timestamp"] = now,
            ["current_stage"] = "None",
            ["description"] = null,
            ["last_updated_timestamp"] = now,
            ["name"] = name,
            ["run_id"] = string.IsNullOrEmpty(runId) ? null : runId,
            ["run_link"] = null,
            ["source"] = source,
            ["status"] = "READY",
            ["status_message"] = null,
            ["storage_location"] = source,
            ["user_id"] = null,
            ["version"] = (long)next,
        }));

        // The registered model's last_updated_timestamp moves with each new version, as MLflow's does.
        var model = YamlReader.Read(File.ReadAllText(modelMeta));
        model["last_updated_timestamp"] = now.ToString(CultureInfo.InvariantCulture);
        WriteAtomic(modelMeta, YamlWriter.Write(new Dictionary<string, object?>
        {
            ["aliases"] = model.GetValueOrDefault("aliases") as IReadOnlyDictionary<string, string> ?? new Dictionary<string, string>(),
            ["creation_timestamp"] = long.Parse(model["creation_timestamp"] as string ?? now.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            ["description"] = model.GetValueOrDefault("description") as string,
            ["last_updated_timestamp"] = now,
            ["name"] = name,
        }));
        return Task.FromResult(new ModelVersion(name, next, source, runId, "READY", "None", now));
    }

    /// <inheritdoc />
    public Task<ModelVersion> GetModelVersionAsync(string name, int version, CancellationToken cancellationToken = default)
    {
        var meta = Path.Combine(ModelFolder(name), string.Create(CultureInfo.InvariantCulture, $"version-{version}"), Meta);
        if (!File.Exists(meta))
        {
            throw new ResourceNotFoundException(string.Create(CultureInfo.InvariantCulture, $"Model Version (name={name}, version={version}) not found"));
        }

        var values = YamlReader.Read(File.ReadAllText(meta));
        var stage = values.GetValueOrDefault("current_stage") as string ?? "None";
        if (stage == "Deleted_Internal")
        {
            throw new ResourceNotFoundException(string.Create(CultureInfo.InvariantCulture, $"Model Version (name={name}, version={version}) not found"));
        }

        return Task.FromResult(new ModelVersion(
            name,
            version,
            values.GetValueOrDefault("source") as string ?? string.Empty,
            values.GetValueOrDefault("run_id") as string ?? string.Empty,
            values.GetValueOrDefault("status") as string ?? "READY",
            stage,
            long.TryParse(values.GetValueOrDefault("creation_timestamp") as string, NumberStyles.Integer, CultureInfo.InvariantCulture, out var created) ? created : 0));
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private string ModelFolder(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!SafeName().IsMatch(name) || name is "." or "..")
        {
            throw new InvalidParameterException($"Invalid registered model name '{name}': use letters, digits, '.', '_', '-' and spaces (no '/' or '\\'), as a folder of the file store.");
        }

        return Path.Combine(root, Models, name);
    }

    private static void WriteAtomic(string path, string text)
    {
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, text);
        File.Move(tmp, path, overwrite: true);
    }

    [GeneratedRegex(@"^[\w .\-]+$")]
    private static partial Regex SafeName();
}
