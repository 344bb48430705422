using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Crucible.Tracking.Model;

namespace Crucible.Tracking.FileStore;

/// <summary>
/// MLflow's file store (<c>./mlruns</c>, <c>file:</c> URIs), written exactly as MLflow's Python
/// client writes it, so <c>mlflow ui</c> in that folder shows the runs. Several processes may write
/// runs into one store at once: every file belongs to one run, metric lines are appended with one
/// write each (exact repeats skipped, a failed write cut back: see <see cref="MetricFile"/>), and
/// whole-file updates go through a temporary file and an atomic rename.
/// </summary>
public sealed class LocalFileStore : ITrackingStore
{
    private const string DefaultExperimentId = "0";
    private const string TrashFolder = ".trash";
    private const string MetaFile = "meta.yaml";
    private const string RunNameTag = "mlflow.runName";
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> runDirectories = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, MetricFile> metricFiles = new(StringComparer.Ordinal);

    /// <summary>Opens (and, when missing, creates with its <c>Default</c> experiment) the store at <paramref name="rootDirectory"/>.</summary>
    public LocalFileStore(string rootDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        Root = Path.GetFullPath(rootDirectory);
        TrackingUri = new Uri(Root).AbsoluteUri;
        EnsureStore();
    }

    /// <summary>Test hook: writes a metric file's new lines (fault tests make it fail part way, as a full disk does).</summary>
    internal Action<FileStream, byte[]> WriteMetricBytes { get; set; } = static (stream, bytes) => stream.Write(bytes);

    /// <summary>The absolute folder of the store.</summary>
    public string Root { get; }

    /// <inheritdoc />
    public string TrackingUri { get; }

    /// <inheritdoc />
    public Task<string> CreateExperimentAsync(string name, IReadOnlyList<RunTag>? tags = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        foreach (var tag in tags ?? [])
        {
            ValidateExperimentTag(tag.Key, tag.Value);
        }

        // Names are unique across processes: serialize creation with a machine-wide lock.
        using var storeLock = StoreLock.Acquire(Root);
        if (FindExperimentByName(name) is { } existing)
        {
            throw new ResourceAlreadyExistsException($"Experiment '{existing.Name}' already exists.");
        }

        string id;
        do
        {
            id = NewExperimentId();
        }
        while (Directory.Exists(Path.Combine(Root, id)) || Directory.Exists(Path.Combine(Root, TrashFolder, id)));

        WriteExperimentMeta(id, name);
        foreach (var tag in tags ?? [])
        {
            WriteTextAtomic(Path.Combine(Root, id, "tags", tag.Key), tag.Value);
        }

        return Task.FromResult(id);
    }

    /// <inheritdoc />
    public Task<Experiment?> GetExperimentByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Task.FromResult(FindExperimentByName(name));
    }

    /// <inheritdoc />
    public Task<Experiment> GetExperimentAsync(string experimentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(experimentId);
        var dir = ExperimentDirectory(experimentId)
            ?? throw new ResourceNotFoundException($"Could not find experiment with ID {experimentId}");
        return Task.FromResult(ReadExperiment(dir));
    }

    /// <inheritdoc />
    public Task SetExperimentTagAsync(string experimentId, string key, string value, CancellationToken cancellationToken = default)
    {
        ValidateExperimentTag(key, value);
        var dir = ExperimentDirectory(experimentId)
            ?? throw new ResourceNotFoundException($"Could not find experiment with ID {experimentId}");
        WriteTextAtomic(Path.Combine(dir, "tags", key), value);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<RunInfo> CreateRunAsync(
        string experimentId,
        string? runName,
        long startTime,
        string userId,
        IReadOnlyList<RunTag> tags,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var experiment = ReadExperiment(ExperimentDirectory(experimentId)
            ?? throw new ResourceNotFoundException($"Could not find experiment with ID {experimentId}"));
        if (experiment.LifecycleStage != LifecycleStage.Active)
        {
            throw new InvalidParameterException($"The experiment {experimentId} must be in the 'active' state. Current state is {experiment.LifecycleStage}.");
        }

        var runId = Guid.NewGuid().ToString("N");
        var runDir = Path.Combine(Root, experimentId, runId);
        Directory.CreateDirectory(runDir);
        var artifactUri = experiment.ArtifactLocation.TrimEnd('/') + "/" + runId + "/artifacts";
        var name = runName ?? tags.FirstOrDefault(t => t.Key == RunNameTag)?.Value ?? string.Empty;
        var info = new RunInfo(runId, experimentId, name, userId ?? string.Empty, RunStatus.Running, startTime, null, artifactUri, LifecycleStage.Active);
        var meta = RunMeta(info);
        meta["deleted_time"] = null;
        WriteTextAtomic(Path.Combine(runDir, MetaFile), YamlWriter.Write(meta));
        Directory.CreateDirectory(Path.Combine(runDir, "metrics"));
        Directory.CreateDirectory(Path.Combine(runDir, "params"));
        Directory.CreateDirectory(Path.Combine(runDir, "artifacts"));
        foreach (var tag in tags)
        {
            WriteTextAtomic(EntryPath(runDir, "tags", tag.Key), tag.Value);
        }

        if (!string.IsNullOrEmpty(runName) && tags.All(t => t.Key != RunNameTag))
        {
            WriteTextAtomic(Path.Combine(runDir, "tags", RunNameTag), runName);
        }

        return Task.FromResult(info);
    }

    /// <inheritdoc />
    public Task<RunInfo> UpdateRunAsync(string runId, RunStatus? status, long? endTime, string? runName = null, CancellationToken cancellationToken = default)
    {
        var runDir = RunDirectory(runId);
        var (info, deletedTime) = ReadRunInfo(runDir);
        EnsureActive(info);
        info = info with
        {
            Status = status ?? info.Status,
            EndTime = endTime ?? info.EndTime,
            RunName = runName ?? info.RunName,
        };
        WriteRunMeta(runDir, info, deletedTime);
        if (runName is not null)
        {
            WriteTextAtomic(Path.Combine(runDir, "tags", RunNameTag), runName);
        }

        return Task.FromResult(info);
    }

    /// <inheritdoc />
    public Task<Run> GetRunAsync(string runId, CancellationToken cancellationToken = default) =>
        Task.FromResult(ReadRun(RunDirectory(runId)));

    /// <inheritdoc />
    public Task<RunsPage> SearchRunsAsync(SearchRunsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = RunFilter.Parse(query.Filter);
        var runs = new List<Run>();
        foreach (var experimentId in query.ExperimentIds)
        {
            var expDir = ExperimentDirectory(experimentId);
            if (expDir is null)
            {
                continue;
            }

            foreach (var runDir in Directory.EnumerateDirectories(expDir))
            {
                if (!File.Exists(Path.Combine(runDir, MetaFile)))
                {
                    continue;
                }

                var run = ReadRun(runDir);
                var stageOk = (query.ViewType ?? ViewType.ActiveOnly) switch
                {
                    ViewType.ActiveOnly => run.Info.LifecycleStage == LifecycleStage.Active,
                    ViewType.DeletedOnly => run.Info.LifecycleStage == LifecycleStage.Deleted,
                    _ => true,
                };
                if (stageOk && filter.Matches(run))
                {
                    runs.Add(run);
                }
            }
        }

        var ordered = RunOrder.Sort(runs, query.OrderBy);
        var offset = PageToken.Decode(query.PageToken);
        var max = Math.Max(1, query.MaxResults ?? 1000);
        var page = ordered.Skip(offset).Take(max).ToList();
        var next = offset + page.Count < ordered.Count ? PageToken.Encode(offset + page.Count) : null;
        return Task.FromResult(new RunsPage(page, next));
    }

    /// <inheritdoc />
    public Task LogBatchAsync(
        string runId,
        IReadOnlyList<Metric> metrics,
        IReadOnlyList<Param> parameters,
        IReadOnlyList<RunTag> tags,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(tags);
        // Keys and values were validated once, by the RunRecorder before it queued them; the paths
        // below only make sure that no key leads out of its folder.
        var runDir = RunDirectory(runId);
        var (info, _) = ReadRunInfo(runDir);
        EnsureActive(info);
        foreach (var p in parameters)
        {
            WriteParam(runDir, runId, p);
        }

        foreach (var group in metrics.GroupBy(m => m.Key, StringComparer.Ordinal))
        {
            var path = EntryPath(runDir, "metrics", group.Key);
            metricFiles.GetOrAdd(path, p => new MetricFile(p)).Append(group.Select(MetricLine), WriteMetricBytes);
        }

        foreach (var t in tags)
        {
            WriteTextAtomic(EntryPath(runDir, "tags", t.Key), t.Value);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task SetTagAsync(string runId, string key, string value, CancellationToken cancellationToken = default) =>
        LogBatchAsync(runId, [], [], [new RunTag(key, value)], cancellationToken);

    /// <inheritdoc />
    public Task LogInputsAsync(string runId, IReadOnlyList<DatasetInput> inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var runDir = RunDirectory(runId);
        var (info, _) = ReadRunInfo(runDir);
        EnsureActive(info);
        var expDir = Path.GetDirectoryName(runDir)!;
        foreach (var input in inputs)
        {
            var d = input.Dataset;
            var datasetId = Md5Hex(d.Name + d.Digest);
            var datasetMeta = Path.Combine(expDir, "datasets", datasetId, MetaFile);
            if (!File.Exists(datasetMeta))
            {
                WriteTextAtomic(datasetMeta, YamlWriter.Write(new Dictionary<string, object?>
                {
                    ["digest"] = d.Digest,
                    ["name"] = d.Name,
                    ["profile"] = d.Profile,
                    ["schema"] = d.Schema,
                    ["source"] = d.Source,
                    ["source_type"] = d.SourceType,
                }));
            }

            var inputMeta = Path.Combine(runDir, "inputs", Md5Hex(datasetId + runId), MetaFile);
            if (!File.Exists(inputMeta))
            {
                var tags = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var t in input.Tags)
                {
                    tags[t.Key] = t.Value;
                }

                // MLflow's writer stores the dataset id as destination_id too (a bug kept for compatibility).
                WriteTextAtomic(inputMeta, YamlWriter.Write(new Dictionary<string, object?>
                {
                    ["destination_id"] = datasetId,
                    ["destination_type"] = "RUN",
                    ["source_id"] = datasetId,
                    ["source_type"] = "DATASET",
                    ["tags"] = tags,
                }));
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Metric>> GetMetricHistoryAsync(string runId, string key, CancellationToken cancellationToken = default)
    {
        var path = EntryPath(RunDirectory(runId), "metrics", key);
        IReadOnlyList<Metric> history = File.Exists(path) ? ReadMetricFile(path, key) : [];
        return Task.FromResult(history);
    }

    /// <inheritdoc />
    public async Task LogArtifactAsync(string runId, string localPath, string? artifactPath = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(localPath);
        var root = ArtifactRoot(RunDirectory(runId));
        var targetDir = string.IsNullOrEmpty(artifactPath) ? root : SafeCombine(root, artifactPath);
        if (Directory.Exists(localPath))
        {
            foreach (var file in Directory.EnumerateFiles(localPath, "*", SearchOption.AllDirectories))
            {
                var rel = Path.GetRelativePath(localPath, file);
                var dest = Path.Combine(targetDir, rel);
                Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
                await CopyFileAsync(file, dest, cancellationToken).ConfigureAwait(false);
            }
        }
        else if (File.Exists(localPath))
        {
            Directory.CreateDirectory(targetDir);
            await CopyFileAsync(localPath, Path.Combine(targetDir, Path.GetFileName(localPath)), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            throw new TrackingException($"Cannot log artifact '{localPath}': no such file or folder.");
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ArtifactInfo>> ListArtifactsAsync(string runId, string? path = null, CancellationToken cancellationToken = default)
    {
        var root = ArtifactRoot(RunDirectory(runId));
        var dir = string.IsNullOrEmpty(path) ? root : SafeCombine(root, path);
        if (!Directory.Exists(dir))
        {
            return Task.FromResult<IReadOnlyList<ArtifactInfo>>([]);
        }

        var entries = new List<ArtifactInfo>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(dir).Order(StringComparer.Ordinal))
        {
            var rel = Path.GetRelativePath(root, entry).Replace(Path.DirectorySeparatorChar, '/');
            entries.Add(Directory.Exists(entry) ? new ArtifactInfo(rel, true, null) : new ArtifactInfo(rel, false, new FileInfo(entry).Length));
        }

        return Task.FromResult<IReadOnlyList<ArtifactInfo>>(entries);
    }

    /// <inheritdoc />
    public async Task<string> DownloadArtifactsAsync(string runId, string? artifactPath, string destinationDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destinationDirectory);
        var root = ArtifactRoot(RunDirectory(runId));
        var source = string.IsNullOrEmpty(artifactPath) ? root : SafeCombine(root, artifactPath);
        Directory.CreateDirectory(destinationDirectory);
        if (File.Exists(source))
        {
            var dest = Path.Combine(destinationDirectory, Path.GetFileName(source));
            await CopyFileAsync(source, dest, cancellationToken).ConfigureAwait(false);
            return dest;
        }

        if (!Directory.Exists(source))
        {
            throw new ResourceNotFoundException($"No artifact '{artifactPath}' in run {runId}.");
        }

        var target = string.IsNullOrEmpty(artifactPath) ? destinationDirectory : Path.Combine(destinationDirectory, artifactPath.TrimEnd('/'));
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var dest = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            await CopyFileAsync(file, dest, cancellationToken).ConfigureAwait(false);
        }

        return target;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Nothing is held open between calls.
    }

    internal static string MetricLine(Metric m) =>
        string.Create(CultureInfo.InvariantCulture, $"{m.Timestamp} {PythonFloat.Format(m.Value)} {m.Step}\n");

    internal static string Md5Hex(string text)
    {
#pragma warning disable CA5351 // MLflow derives dataset and input ids with MD5; this is an id, not security.
        return Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351
    }

    private static List<Metric> ReadMetricFile(string path, string key)
    {
        var list = new List<Metric>();
        foreach (var line in File.ReadLines(path, Utf8))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2)
            {
                continue;
            }

            var ts = long.Parse(parts[0], CultureInfo.InvariantCulture);
            var value = PythonFloat.Parse(parts[1]);
            var step = parts.Length >= 3 ? long.Parse(parts[2], CultureInfo.InvariantCulture) : 0;
            list.Add(new Metric(key, value, ts, step));
        }

        return list;
    }

    private static void EnsureActive(RunInfo info)
    {
        if (info.LifecycleStage != LifecycleStage.Active)
        {
            throw new InvalidParameterException($"The run {info.RunId} must be in the 'active' state. Current state is {info.LifecycleStage}.");
        }
    }

    private static void ValidateExperimentTag(string key, string value)
    {
        MlflowValidator.ValidateKey("Experiment tag", key);
        if (value.Length > MlflowValidator.MaxExperimentTagValueLength)
        {
            throw new TrackingValidationException(key, "tag-value-length", $"Experiment tag '{key}' has a value of length {value.Length}, which exceeds MLflow's limit of {MlflowValidator.MaxExperimentTagValueLength}.");
        }
    }

    private static string NewExperimentId()
    {
        // MLflow's file store uses random 18-digit ids so that concurrent writers never collide.
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        var value = 100_000_000_000_000_000UL + (BitConverter.ToUInt64(bytes) % 900_000_000_000_000_000UL);
        return value.ToString(CultureInfo.InvariantCulture);
    }

    private static Dictionary<string, object?> RunMeta(RunInfo info) => new(StringComparer.Ordinal)
    {
        ["artifact_uri"] = info.ArtifactUri,
        ["end_time"] = info.EndTime,
        ["entry_point_name"] = string.Empty,
        ["experiment_id"] = info.ExperimentId,
        ["lifecycle_stage"] = info.LifecycleStage,
        ["run_id"] = info.RunId,
        ["run_name"] = info.RunName,
        ["run_uuid"] = info.RunId,
        ["source_name"] = string.Empty,
        ["source_type"] = 4,
        ["source_version"] = string.Empty,
        ["start_time"] = info.StartTime,
        ["status"] = (int)info.Status,
        ["tags"] = YamlWriter.EmptyList,
        ["user_id"] = info.UserId,
    };

    private static void WriteRunMeta(string runDir, RunInfo info, long? deletedTime)
    {
        var meta = RunMeta(info);
        if (deletedTime is not null)
        {
            meta["deleted_time"] = deletedTime;
        }

        WriteTextAtomic(Path.Combine(runDir, MetaFile), YamlWriter.Write(meta));
    }

    private static (RunInfo Info, long? DeletedTime) ReadRunInfo(string runDir)
    {
        var meta = YamlReader.Read(File.ReadAllText(Path.Combine(runDir, MetaFile), Utf8));
        var runId = meta.GetString("run_id") ?? meta.GetString("run_uuid") ?? Path.GetFileName(runDir);
        var status = meta.GetLong("status") is { } s && Enum.IsDefined(typeof(RunStatus), (int)s)
            ? (RunStatus)(int)s
            : RunStatusNames.FromMlflow(meta.GetString("status"));
        var info = new RunInfo(
            runId,
            meta.GetString("experiment_id") ?? Path.GetFileName(Path.GetDirectoryName(runDir)!),
            meta.GetString("run_name") ?? string.Empty,
            meta.GetString("user_id") ?? string.Empty,
            status,
            meta.GetLong("start_time"),
            meta.GetLong("end_time"),
            meta.GetString("artifact_uri") ?? string.Empty,
            meta.GetString("lifecycle_stage") ?? LifecycleStage.Active);
        return (info, meta.GetLong("deleted_time"));
    }

    private static Run ReadRun(string runDir)
    {
        var (info, _) = ReadRunInfo(runDir);
        var metrics = new List<Metric>();
        var metricsDir = Path.Combine(runDir, "metrics");
        if (Directory.Exists(metricsDir))
        {
            foreach (var file in Directory.EnumerateFiles(metricsDir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var key = Path.GetRelativePath(metricsDir, file).Replace(Path.DirectorySeparatorChar, '/');
                var latest = ReadMetricFile(file, key)
                    .OrderBy(m => m.Step).ThenBy(m => m.Timestamp).ThenBy(m => double.IsNaN(m.Value) ? double.NegativeInfinity : m.Value)
                    .LastOrDefault();
                if (latest is not null)
                {
                    metrics.Add(latest);
                }
            }
        }

        var parameters = ReadKeyValueFolder(Path.Combine(runDir, "params")).Select(kv => new Param(kv.Key, kv.Value)).ToList();
        var tags = ReadKeyValueFolder(Path.Combine(runDir, "tags")).Select(kv => new RunTag(kv.Key, kv.Value)).ToList();
        var inputs = new List<DatasetInput>();
        var inputsDir = Path.Combine(runDir, "inputs");
        if (Directory.Exists(inputsDir))
        {
            foreach (var dir in Directory.EnumerateDirectories(inputsDir).Order(StringComparer.Ordinal))
            {
                var metaPath = Path.Combine(dir, MetaFile);
                if (!File.Exists(metaPath))
                {
                    continue;
                }

                var meta = YamlReader.Read(File.ReadAllText(metaPath, Utf8));
                var datasetMeta = Path.Combine(Path.GetDirectoryName(runDir)!, "datasets", meta.GetString("source_id") ?? string.Empty, MetaFile);
                if (!File.Exists(datasetMeta))
                {
                    continue;
                }

                var d = YamlReader.Read(File.ReadAllText(datasetMeta, Utf8));
                var dataset = new Dataset(
                    d.GetString("name") ?? string.Empty,
                    d.GetString("digest") ?? string.Empty,
                    d.GetString("source_type") ?? string.Empty,
                    d.GetString("source") ?? string.Empty,
                    d.GetString("schema"),
                    d.GetString("profile"));
                var inputTags = meta.TryGetValue("tags", out var t) && t is Dictionary<string, string> map
                    ? map.Select(kv => new RunTag(kv.Key, kv.Value)).ToList()
                    : [];
                inputs.Add(new DatasetInput(dataset, inputTags));
            }
        }

        return new Run(info, new RunData(metrics, parameters, tags), inputs);
    }

    private static IEnumerable<KeyValuePair<string, string>> ReadKeyValueFolder(string dir)
    {
        if (!Directory.Exists(dir))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var key = Path.GetRelativePath(dir, file).Replace(Path.DirectorySeparatorChar, '/');
            yield return new(key, File.ReadAllText(file, Utf8));
        }
    }

    private static void WriteParam(string runDir, string runId, Param p)
    {
        var path = EntryPath(runDir, "params", p.Key);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            try
            {
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
                var bytes = Utf8.GetBytes(p.Value);
                stream.Write(bytes);
                return;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Written at the same moment by another writer: compare below.
            }
        }

        var old = File.ReadAllText(path, Utf8);
        if (old != p.Value)
        {
            throw new InvalidParameterException(
                $"Changing param values is not allowed. Param with key='{p.Key}' was already logged with value='{old}' for run ID='{runId}'. Attempted logging new value '{p.Value}'.");
        }
    }

    private static void WriteTextAtomic(string path, string text)
    {
        var dir = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(dir);

        // The temporary file lives beside the folder, not in it, so readers listing tags/params never see it.
        var tmp = Path.Combine(Path.GetDirectoryName(dir) ?? dir, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        File.WriteAllText(tmp, text, Utf8);
        File.Move(tmp, path, overwrite: true);
    }

    private static async Task CopyFileAsync(string source, string dest, CancellationToken cancellationToken)
    {
        var tmp = dest + "." + Guid.NewGuid().ToString("N") + ".partial";
        var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        await using (input.ConfigureAwait(false))
        {
            var output = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write);
            await using (output.ConfigureAwait(false))
            {
                await input.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
            }
        }

        File.Move(tmp, dest, overwrite: true);
    }

    private static string SafeCombine(string root, string relative)
    {
        var full = Path.GetFullPath(Path.Combine(root, relative));
        var rootFull = Path.GetFullPath(root);
        if (!full.StartsWith(rootFull, StringComparison.Ordinal))
        {
            throw new TrackingValidationException(relative, "artifact-path", $"Artifact path '{relative}' escapes the run's artifact folder.");
        }

        return full;
    }

    private string ArtifactRoot(string runDir)
    {
        var (info, _) = ReadRunInfo(runDir);
        if (info.ArtifactUri.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            var path = TrackingUriResolver.LocalPath(info.ArtifactUri, Root);

            // A store copied from another machine keeps that machine's absolute URIs; fall back to the run folder.
            if (Directory.Exists(path) || Directory.Exists(Path.GetDirectoryName(path)))
            {
                return path;
            }
        }
        else if (Path.IsPathRooted(info.ArtifactUri) && Directory.Exists(Path.GetDirectoryName(info.ArtifactUri)))
        {
            return info.ArtifactUri;
        }

        return Path.Combine(runDir, "artifacts");
    }

    private void EnsureStore()
    {
        // As MLflow's FileStore does: a new store gets the Default experiment and a .trash folder.
        if (!Directory.Exists(Root))
        {
            Directory.CreateDirectory(Root);
            using var storeLock = StoreLock.Acquire(Root);
            if (!Directory.Exists(Path.Combine(Root, DefaultExperimentId)))
            {
                WriteExperimentMeta(DefaultExperimentId, "Default");
            }
        }

        Directory.CreateDirectory(Path.Combine(Root, TrashFolder));
    }

    private void WriteExperimentMeta(string id, string name)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var dir = Path.Combine(Root, id);
        Directory.CreateDirectory(dir);
        WriteTextAtomic(Path.Combine(dir, MetaFile), YamlWriter.Write(new Dictionary<string, object?>
        {
            ["artifact_location"] = new Uri(dir).AbsoluteUri,
            ["creation_time"] = now,
            ["experiment_id"] = id,
            ["last_update_time"] = now,
            ["lifecycle_stage"] = LifecycleStage.Active,
            ["name"] = name,
        }));
    }

    private IEnumerable<string> ExperimentDirectories()
    {
        foreach (var dir in Directory.EnumerateDirectories(Root))
        {
            var name = Path.GetFileName(dir);
            if (name != TrashFolder && name != "models" && File.Exists(Path.Combine(dir, MetaFile)))
            {
                yield return dir;
            }
        }

        var trash = Path.Combine(Root, TrashFolder);
        if (Directory.Exists(trash))
        {
            foreach (var dir in Directory.EnumerateDirectories(trash))
            {
                if (File.Exists(Path.Combine(dir, MetaFile)))
                {
                    yield return dir;
                }
            }
        }
    }

    /// <summary>
    /// The file of a metric, param or tag <paramref name="key"/> under <paramref name="folder"/> of a run:
    /// refused when it would lead out of that folder (an absolute path, <c>..</c>, an empty or <c>.</c>
    /// part, a symbolic link on the way), whoever calls the store.
    /// </summary>
    private static string EntryPath(string runDir, string folder, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var root = Path.GetFullPath(Path.Combine(runDir, folder));
        var path = Path.GetFullPath(Path.Combine(root, key));
        var escapes = key.Length == 0 || Path.IsPathRooted(key) || key.Contains('\\', StringComparison.Ordinal)
            || key.Split('/').Any(part => part is "" or "." or "..")
            || !path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        for (var parent = Path.GetDirectoryName(path); !escapes && parent is not null && parent.Length > root.Length; parent = Path.GetDirectoryName(parent))
        {
            escapes = new DirectoryInfo(parent).LinkTarget is not null;
        }

        return escapes
            ? throw new TrackingValidationException(key, "key-path", $"The key '{key}' would lead out of the run's {folder} folder; a key is a normalized relative path.")
            : path;
    }

    private string? ExperimentDirectory(string experimentId)
    {
        MlflowValidator.ValidateKey("Experiment id", experimentId);
        var active = Path.Combine(Root, experimentId);
        if (File.Exists(Path.Combine(active, MetaFile)))
        {
            return active;
        }

        var deleted = Path.Combine(Root, TrashFolder, experimentId);
        return File.Exists(Path.Combine(deleted, MetaFile)) ? deleted : null;
    }

    private Experiment? FindExperimentByName(string name)
    {
        foreach (var dir in ExperimentDirectories())
        {
            var meta = YamlReader.Read(File.ReadAllText(Path.Combine(dir, MetaFile), Utf8));
            if (meta.GetString("name") == name)
            {
                return ReadExperiment(dir);
            }
        }

        return null;
    }

    private static Experiment ReadExperiment(string dir)
    {
        var meta = YamlReader.Read(File.ReadAllText(Path.Combine(dir, MetaFile), Utf8));
        var tags = ReadKeyValueFolder(Path.Combine(dir, "tags")).Select(kv => new RunTag(kv.Key, kv.Value)).ToList();
        return new Experiment(
            meta.GetString("experiment_id") ?? Path.GetFileName(dir),
            meta.GetString("name") ?? string.Empty,
            meta.GetString("artifact_location") ?? new Uri(dir).AbsoluteUri,
            meta.GetString("lifecycle_stage") ?? LifecycleStage.Active,
            meta.GetLong("creation_time"),
            meta.GetLong("last_update_time"),
            tags);
    }

    private string RunDirectory(string runId)
    {
        ArgumentNullException.ThrowIfNull(runId);
        if (runId.Length == 0 || !runId.All(char.IsAsciiLetterOrDigit))
        {
            throw new ResourceNotFoundException($"Run '{runId}' not found");
        }

        if (runDirectories.TryGetValue(runId, out var cached) && File.Exists(Path.Combine(cached, MetaFile)))
        {
            return cached;
        }

        foreach (var expDir in ExperimentDirectories())
        {
            var runDir = Path.Combine(expDir, runId);
            if (File.Exists(Path.Combine(runDir, MetaFile)))
            {
                runDirectories[runId] = runDir;
                return runDir;
            }
        }

        throw new ResourceNotFoundException($"Run '{runId}' not found");
    }

    private static class PageToken
    {
        public static string Encode(int offset) =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"offset\": {offset}}}")));

        public static int Decode(string? token)
        {
            if (string.IsNullOrEmpty(token))
            {
                return 0;
            }

            try
            {
                var json = Encoding.UTF8.GetString(Convert.FromBase64String(token));
                using var doc = System.Text.Json.JsonDocument.Parse(json);
                return doc.RootElement.GetProperty("offset").GetInt32();
            }
            catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new MlflowApiException(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", $"Invalid page token '{token}'.");
            }
        }
    }
}
