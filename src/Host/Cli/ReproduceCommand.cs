using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Crucible.Host.Training;
using Crucible.Tracking;
using Crucible.Tracking.Model;

namespace Crucible.Host.Cli;

/// <summary>
/// <c>crucible reproduce RUN_ID</c>: runs a recorded run again from its record alone (its resolved
/// experiment, seed, thread count and device), into a new run tagged <c>crucible.reproduces</c>,
/// then compares every metric's whole history: prints <c>bit-identical</c> (exit 0) or the first
/// differences (exit 1). Refuses (exit 2) when an installed plugin's SHA-256 differs from the record,
/// unless <c>--allow-plugin-change</c>.
/// </summary>
internal static class ReproduceCommand
{
    public const string SourceTag = "crucible.reproduces";

    private const int ShownDifferences = 10;

    public static Command Create(CliOptions options)
    {
        var runId = new Argument<string>("RUN_ID") { Description = "The run to reproduce." };
        var trackingUri = new Option<string>("--tracking-uri") { Description = "The store holding the run (the new run goes there too); defaults to MLFLOW_TRACKING_URI, else ./mlruns." };
        var allow = new Option<bool>("--allow-plugin-change") { Description = "Run even when a plugin assembly's SHA-256 differs from the recorded one." };
        var command = new Command("reproduce", "Run a recorded run again from its record and compare every metric.") { runId, trackingUri, allow };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = options.Session(parse);
            if (!session.CheckPlugins())
            {
                return ExitCodes.BadInput;
            }

            var uri = TrackingUriResolver.Resolve(parse.GetValue(trackingUri), null);
            var source = parse.GetRequiredValue(runId);
            var work = Directory.CreateTempSubdirectory("crucible-reproduce-").FullName;
            try
            {
                Run recorded;
                string experimentName;
                string file;
                IReadOnlyDictionary<string, object?>? mlModel;
                using (var store = TrackingStoreFactory.Create(uri))
                {
                    try
                    {
                        recorded = await store.GetRunAsync(source, cancellationToken).ConfigureAwait(false);
                        experimentName = (await store.GetExperimentAsync(recorded.Info.ExperimentId, cancellationToken).ConfigureAwait(false)).Name;
                        file = await store.DownloadArtifactsAsync(source, "experiment.json", work, cancellationToken).ConfigureAwait(false);
                        mlModel = await TryDownloadMlModelAsync(store, source, work, cancellationToken).ConfigureAwait(false);
                    }
                    catch (ResourceNotFoundException e)
                    {
                        await options.Error.WriteLineAsync($"error: cannot reproduce {source} from {uri}: {e.Message}").ConfigureAwait(false);
                        return ExitCodes.BadInput;
                    }
                }

                var changed = PluginChanges(recorded, session);
                foreach (var change in changed)
                {
                    await options.Error.WriteLineAsync($"{(parse.GetValue(allow) ? "warning" : "error")}: {change}").ConfigureAwait(false);
                }

                if (changed.Count > 0 && !parse.GetValue(allow))
                {
                    await options.Error.WriteLineAsync("The plugins differ from the record, so the run cannot be reproduced as recorded; pass --allow-plugin-change to run anyway.").ConfigureAwait(false);
                    return ExitCodes.BadInput;
                }

                var reproduction = Path.Combine(work, "reproduce.json");
                await File.WriteAllTextAsync(reproduction, AsRecorded(file, recorded, mlModel), cancellationToken).ConfigureAwait(false);
                var experiment = session.LoadExperiment(reproduction, []);
                if (experiment is null)
                {
                    return ExitCodes.BadInput;
                }

                string? newRunId = null;
                var code = await ExperimentRunner.RunAsync(experiment, new RunOptions
                {
                    TrackingUri = uri,
                    ExperimentName = experimentName,
                    Verbose = session.Verbose,
                    LogFile = session.LogFile,
                    RunStarted = id => newRunId = id,
                }).ConfigureAwait(false);
                if (code != ExitCodes.Success || newRunId is null)
                {
                    return code;
                }

                var differences = await CompareAsync(uri, source, newRunId, recorded, cancellationToken).ConfigureAwait(false);
                await options.Output.WriteLineAsync($"reproduce: run {newRunId} reproduces {source}").ConfigureAwait(false);
                if (differences.Count == 0)
                {
                    await options.Output.WriteLineAsync("bit-identical").ConfigureAwait(false);
                    return ExitCodes.Success;
                }

                await options.Output.WriteLineAsync($"different: {differences.Count} metric value(s) differ; the first:").ConfigureAwait(false);
                foreach (var line in differences.Take(ShownDifferences))
                {
                    await options.Output.WriteLineAsync("  " + line).ConfigureAwait(false);
                }

                return ExitCodes.Failed;
            }
            catch (Exception e) when (e is TrackingException or MlflowApiException)
            {
                await options.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }
            finally
            {
                ScratchFolder.TryDelete(work);
            }
        });
        return command;
    }

    /// <summary>Every recorded plugin assembly whose installed SHA-256 differs or that is not installed.</summary>
    private static List<string> PluginChanges(Run recorded, CliSession session)
    {
        var installed = session.Catalog.Plugins.Select(p => p.Assembly).DistinctBy(a => a.Name).ToDictionary(a => a.Name, StringComparer.Ordinal);
        var changes = new List<string>();
        foreach (var tag in recorded.Data.Tags.Where(t => t.Key.StartsWith("crucible.plugin.", StringComparison.Ordinal) && t.Key.EndsWith(".sha256", StringComparison.Ordinal)))
        {
            var name = tag.Key["crucible.plugin.".Length..^".sha256".Length];
            if (!installed.TryGetValue(name, out var assembly))
            {
                changes.Add($"plugin {name} (recorded SHA-256 {tag.Value}) is not installed.");
            }
            else if (!string.Equals(assembly.Sha256, tag.Value, StringComparison.OrdinalIgnoreCase))
            {
                changes.Add($"plugin {name} changed: recorded SHA-256 {tag.Value} (version {recorded.Data.Tag($"crucible.plugin.{name}.version")}), installed {assembly.Sha256} (version {assembly.Version}) at {assembly.Path}.");
            }
        }

        return changes;
    }

    /// <summary>The recorded resolved experiment, pinned to the recorded thread count and device, tagged with its source.</summary>
    private static string AsRecorded(string file, Run recorded, IReadOnlyDictionary<string, object?>? mlModel)
    {
        var json = JsonNode.Parse(File.ReadAllText(file))!.AsObject();

        // Records made while a dataset option was also called "name" lost the plugin's name to it;
        // the model's crucible flavor kept the plugin names.
        if (json["dataset"] is JsonObject dataset && dataset["name"] is null
            && mlModel?.GetValueOrDefault("flavors") is IReadOnlyDictionary<string, object?> flavors
            && flavors.GetValueOrDefault(Models.ModelFolder.FlavorName) is IReadOnlyDictionary<string, object?> flavor
            && flavor.GetValueOrDefault("dataset") is string datasetPlugin)
        {
            dataset.Remove("name");
            dataset["name"] = datasetPlugin;
        }

        var training = json["training"] as JsonObject ?? [];
        json["training"] = training;
        if (training["threads"] is null && int.TryParse(recorded.Data.Tag("crucible.threads"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var threads))
        {
            training["threads"] = threads;
        }

        if ((training["device"]?.GetValue<string>() ?? "auto") == "auto" && recorded.Data.Tag("crucible.device") is { Length: > 0 } device)
        {
            training["device"] = device;
        }

        var tracking = json["tracking"] as JsonObject ?? [];
        json["tracking"] = tracking;
        var tags = tracking["tags"] as JsonObject ?? [];
        tracking["tags"] = tags;
        tags[SourceTag] = recorded.Info.RunId;
        return json.ToJsonString();
    }

    private static async Task<IReadOnlyDictionary<string, object?>?> TryDownloadMlModelAsync(ITrackingStore store, string runId, string work, CancellationToken cancellationToken)
    {
        try
        {
            var path = await store.DownloadArtifactsAsync(runId, Models.ModelFolder.ArtifactPath + "/" + Models.ModelFolder.MlModelFile, Path.Combine(work, "model"), cancellationToken).ConfigureAwait(false);
            return Models.MlModelYaml.Read(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is ResourceNotFoundException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Each metric's history compared value by value (bit for bit), source order; system and timing metrics are left out.</summary>
    private static async Task<List<string>> CompareAsync(string uri, string sourceId, string newId, Run recorded, CancellationToken cancellationToken)
    {
        using var store = TrackingStoreFactory.Create(uri);
        var reproduced = await store.GetRunAsync(newId, cancellationToken).ConfigureAwait(false);
        var keys = recorded.Data.Metrics.Select(m => m.Key).Concat(reproduced.Data.Metrics.Select(m => m.Key))
            .Where(k => !IsMachineDependent(k))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var differences = new List<string>();
        foreach (var key in keys)
        {
            var before = await History(store, sourceId, key, cancellationToken).ConfigureAwait(false);
            var after = await History(store, newId, key, cancellationToken).ConfigureAwait(false);
            if (before.Count == 0 || after.Count == 0)
            {
                differences.Add($"{key}: {(before.Count == 0 ? "only in the reproduction" : "missing in the reproduction")}");
                continue;
            }

            for (var i = 0; i < Math.Max(before.Count, after.Count); i++)
            {
                if (i >= before.Count || i >= after.Count)
                {
                    differences.Add($"{key}: {before.Count} recorded values, {after.Count} reproduced");
                    break;
                }

                if (before[i].Step != after[i].Step || BitConverter.DoubleToInt64Bits(before[i].Value) != BitConverter.DoubleToInt64Bits(after[i].Value))
                {
                    differences.Add(string.Create(CultureInfo.InvariantCulture, $"{key} step {before[i].Step}: recorded {before[i].Value:R}, reproduced {after[i].Value:R} (step {after[i].Step})"));
                    break;
                }
            }
        }

        return differences;
    }

    private static async Task<List<Metric>> History(ITrackingStore store, string runId, string key, CancellationToken cancellationToken) =>
        (await store.GetMetricHistoryAsync(runId, key, cancellationToken).ConfigureAwait(false))
            .OrderBy(m => m.Step).ThenBy(m => m.Timestamp).ToList();

    /// <summary>Metrics of the machine rather than the model (system metrics, times, throughput).</summary>
    private static bool IsMachineDependent(string key) =>
        key.StartsWith("system/", StringComparison.Ordinal)
        || key.EndsWith("_seconds", StringComparison.Ordinal)
        || key.EndsWith("_per_second", StringComparison.Ordinal)
        || key.Contains("samples_per_s", StringComparison.Ordinal);
}
