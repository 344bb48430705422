using System.Globalization;
using System.Text.Json;
using Crucible.Tracking.Model;
using Crucible.Tracking.Rest;
using Crucible.Tracking.Tests.FakeMlflow;
using Xunit.Abstractions;

namespace Crucible.Tracking.Tests;

/// <summary>
/// Replays the REST transcripts of real MLflow servers (2.12.2 SQL and file store, 3.11.1): for each
/// recorded call the client makes the same call through its public API, the fake server checks the
/// request field by field against MLflow's and answers with the recorded response, errors included.
/// </summary>
public class RestTranscriptTests(ITestOutputHelper output)
{
    public static TheoryData<string> Folders() => new() { "mlflow/rest", "mlflow/rest-filestore", "mlflow3/rest" };

    [Theory]
    [MemberData(nameof(Folders))]
    public async Task The_client_sends_what_mlflow_recorded_and_understands_every_answer(string folder)
    {
        var transcripts = Transcript.LoadFolder(Path.Combine(Fixtures.Root, folder));
        using var server = new TranscriptServer();
        using var store = new MlflowRestStore(server.BaseUri, new MlflowRestOptions());
        using var temp = new TempDirectory();
        var executed = 0;
        var skipped = new List<string>();
        foreach (var t in transcripts)
        {
            server.Expect(t);
            var skip = await ReplayAsync(store, t, temp);
            if (skip is not null)
            {
                skipped.Add($"{t.File}: {skip}");
                server.RequestsForCurrent.Should().Be(0, $"{t.File} is refused before sending ({skip})");
                continue;
            }

            executed++;
            server.RequestsForCurrent.Should().BeGreaterThan(0, $"{t.File} must reach the server");
        }

        foreach (var s in skipped)
        {
            output.WriteLine("not replayed: " + s);
        }

        server.Mismatches.Should().BeEmpty();
        executed.Should().BeGreaterThanOrEqualTo(45, "every call Crucible makes is replayed (runs/delete, runs/restore and delete-tag are not among them)");
    }

    /// <summary>Makes the recorded call; returns why it was not made, or null.</summary>
    private static async Task<string?> ReplayAsync(MlflowRestStore store, Transcript t, TempDirectory temp)
    {
        var b = t.RequestBody;
        string S(string name) => b.GetProperty(name).GetString()!;
        string? OptS(string name) => b.ValueKind == JsonValueKind.Object && b.TryGetProperty(name, out var v) ? v.GetString() : null;
        long? OptL(string name) => b.ValueKind == JsonValueKind.Object && b.TryGetProperty(name, out var v) ? v.GetInt64() : null;
        List<RunTag> Tags(string name) => b.TryGetProperty(name, out var a)
            ? a.EnumerateArray().Select(x => new RunTag(x.GetProperty("key").GetString()!, x.GetProperty("value").GetString()!)).ToList()
            : [];
        var path = t.Path;

        // The recorder's one validation refuses these before anything is queued; the fixtures show the server would too.
        if (t.StatusCode == 400 && b.ValueKind == JsonValueKind.Object)
        {
            var key = OptS("key");
            if (key is not null && (key.Contains('@', StringComparison.Ordinal) || key.Contains(':', StringComparison.Ordinal) || key.StartsWith("..", StringComparison.Ordinal) || key.Length > 250))
            {
                Action refused = path.EndsWith("/runs/log-metric", StringComparison.Ordinal)
                    ? () => MlflowValidator.ValidateMetricKey(key)
                    : () => MlflowValidator.ValidateParam(key, "1");
                refused.Should().Throw<TrackingValidationException>();
                return "invalid key, refused by the recorder's validation";
            }
        }

        if (path.EndsWith("/runs/log-parameter", StringComparison.Ordinal) && S("key") == "bad:key")
        {
            // MLflow 3.x accepts ':' in keys; Crucible keeps 2.x's stricter rule so runs work on both.
            var refused = () => MlflowValidator.ValidateParam(S("key"), S("value"));
            refused.Should().Throw<TrackingValidationException>();
            return "':' in a key is refused by MLflow 2.x, so Crucible refuses it everywhere";
        }

        switch (t.Method, path)
        {
            case ("POST", "/api/2.0/mlflow/experiments/create"):
                if (OptS("name") is not { } name)
                {
                    return "missing name, refused by validation";
                }

                await Expect(t, async () =>
                {
                    var id = await store.CreateExperimentAsync(name, Tags("tags"));
                    id.Should().Be(Json(t).GetProperty("experiment_id").GetString());
                });
                return null;
            case ("GET", "/api/2.0/mlflow/experiments/get-by-name"):
                var experiment = await store.GetExperimentByNameAsync(t.Query["experiment_name"]);
                if (t.StatusCode == 404)
                {
                    experiment.Should().BeNull();
                }
                else
                {
                    experiment!.ExperimentId.Should().Be(Json(t).GetProperty("experiment").GetProperty("experiment_id").GetString());
                    experiment.Tags.Should().NotBeEmpty();
                }

                return null;
            case ("GET", "/api/2.0/mlflow/experiments/get"):
                await Expect(t, async () => (await store.GetExperimentAsync(t.Query["experiment_id"])).Name.Should().NotBeEmpty());
                return null;
            case ("POST", "/api/2.0/mlflow/experiments/set-experiment-tag"):
                await Expect(t, () => store.SetExperimentTagAsync(S("experiment_id"), S("key"), S("value")));
                return null;
            case ("POST", "/api/2.0/mlflow/runs/create"):
                await Expect(t, async () =>
                {
                    var info = await store.CreateRunAsync(S("experiment_id"), OptS("run_name"), OptL("start_time")!.Value, OptS("user_id") ?? string.Empty, Tags("tags"));
                    info.Status.Should().Be(RunStatus.Running);
                    info.ArtifactUri.Should().StartWith("mlflow-artifacts:/");
                });
                return null;
            case ("POST", "/api/2.0/mlflow/runs/log-parameter"):
                if (S("value").Length > MlflowValidator.MaxParamValueLength)
                {
                    var refused = () => MlflowValidator.ValidateParam(S("key"), S("value"));
                    refused.Should().Throw<TrackingValidationException>();
                    return "param value over 6000 characters, refused by the recorder's validation instead of being truncated";
                }

                await Expect(t, () => store.LogParamAsync(S("run_id"), S("key"), S("value")));
                return null;
            case ("POST", "/api/2.0/mlflow/runs/log-metric"):
                if (!b.TryGetProperty("timestamp", out _) || b.GetProperty("value").ValueKind == JsonValueKind.String && b.GetProperty("value").GetString() is not ("NaN" or "Infinity" or "-Infinity"))
                {
                    return "a request the typed API cannot express (no timestamp, or a text value)";
                }

                await Expect(t, () => store.LogMetricAsync(S("run_id"), ReadMetric(b)));
                return null;
            case ("POST", "/api/2.0/mlflow/runs/log-batch"):
                var metrics = b.TryGetProperty("metrics", out var ms) ? ms.EnumerateArray().Select(ReadMetric).ToList() : [];
                var ps = b.TryGetProperty("params", out var pa)
                    ? pa.EnumerateArray().Select(x => new Param(x.GetProperty("key").GetString()!, x.GetProperty("value").GetString()!)).ToList()
                    : [];
                var tags = Tags("tags");
                if (metrics.Count > 1000 || ps.Count > 100 || tags.Count > 100 || metrics.Count + ps.Count + tags.Count > 1000 || ps.Select(p => p.Key).Distinct().Count() != ps.Count)
                {
                    return "over MLflow's batch limits: the client splits it (see BatchSplittingTests)";
                }

                if (ps.Exists(p => p.Value.Length > MlflowValidator.MaxParamValueLength))
                {
                    var refused = () => ps.ForEach(p => MlflowValidator.ValidateParam(p.Key, p.Value));
                    refused.Should().Throw<TrackingValidationException>();
                    return "param value over 6000 characters, refused by the recorder's validation";
                }

                await Expect(t, () => store.LogBatchAsync(S("run_id"), metrics, ps, tags));
                return null;
            case ("POST", "/api/2.0/mlflow/runs/set-tag"):
                if (S("value").Length > MlflowValidator.MaxTagValueLength)
                {
                    var refused = () => MlflowValidator.ValidateTag(S("key"), S("value"));
                    refused.Should().Throw<TrackingValidationException>();
                    return "tag value over 5000 characters, refused by the recorder's validation instead of being truncated";
                }

                await Expect(t, () => store.SetTagAsync(S("run_id"), S("key"), S("value")));
                return null;
            case ("POST", "/api/2.0/mlflow/runs/delete-tag"):
                return "not a call Crucible makes (tags are only set)";
            case ("POST", "/api/2.0/mlflow/runs/log-inputs"):
                var inputs = b.GetProperty("datasets").EnumerateArray().Select(d =>
                {
                    var ds = d.GetProperty("dataset");
                    string? F(string n) => ds.TryGetProperty(n, out var v) ? v.GetString() : null;
                    return new DatasetInput(
                        new Dataset(F("name")!, F("digest")!, F("source_type")!, F("source")!, F("schema"), F("profile")),
                        d.GetProperty("tags").EnumerateArray().Select(x => new RunTag(x.GetProperty("key").GetString()!, x.GetProperty("value").GetString()!)).ToList());
                }).ToList();
                await Expect(t, () => store.LogInputsAsync(S("run_id"), inputs));
                return null;
            case ("PUT", _) when path.StartsWith("/api/2.0/mlflow-artifacts/artifacts/", StringComparison.Ordinal):
                var (runId, rel) = SplitArtifactPath(path["/api/2.0/mlflow-artifacts/artifacts/".Length..]);
                var dir = Path.Combine(temp.Path, "upload-" + t.File);
                Directory.CreateDirectory(dir);
                var file = Path.Combine(dir, Path.GetFileName(rel));
                await File.WriteAllTextAsync(file, b.GetString());
                var folder = Path.GetDirectoryName(rel)?.Replace('\\', '/');
                await Expect(t, () => store.LogArtifactAsync(runId, file, string.IsNullOrEmpty(folder) ? null : folder));
                return null;
            case ("GET", "/api/2.0/mlflow-artifacts/artifacts"):
                var (listRun, listRel) = SplitArtifactPath(t.Query["path"]);
                await Expect(t, async () =>
                {
                    var listing = await store.ListArtifactsAsync(listRun, listRel.Length == 0 ? null : listRel);
                    listing.Should().NotBeEmpty();
                    listing.Should().AllSatisfy(a => a.Path.Should().StartWith(listRel));
                });
                return null;
            case ("GET", _) when path.StartsWith("/api/2.0/mlflow-artifacts/artifacts/", StringComparison.Ordinal):
                var (dlRun, dlRel) = SplitArtifactPath(path["/api/2.0/mlflow-artifacts/artifacts/".Length..]);
                var target = Path.Combine(temp.Path, "download-" + t.File);
                await Expect(t, async () =>
                {
                    await store.DownloadArtifactFileAsync(dlRun, dlRel, target);
                    (await File.ReadAllBytesAsync(target)).Should().Equal(t.ResponseBody);
                });
                return null;
            case ("POST", "/api/2.0/mlflow/runs/update"):
                var status = OptS("status");
                if (status is not null && status is not ("RUNNING" or "SCHEDULED" or "FINISHED" or "FAILED" or "KILLED"))
                {
                    return "an invalid status the typed API cannot express";
                }

                await Expect(t, async () =>
                {
                    var info = await store.UpdateRunAsync(S("run_id"), status is null ? null : RunStatusNames.FromMlflow(status), OptL("end_time"), OptS("run_name"));
                    info.RunId.Should().Be(S("run_id"));
                });
                return null;
            case ("GET", "/api/2.0/mlflow/runs/get"):
                await Expect(t, async () =>
                {
                    var run = await store.GetRunAsync(t.Query["run_id"]);
                    var expected = Json(t).GetProperty("run");
                    run.Info.LifecycleStage.Should().Be(expected.GetProperty("info").GetProperty("lifecycle_stage").GetString());
                    var data = expected.GetProperty("data");
                    run.Data.Tags.Count.Should().Be(data.TryGetProperty("tags", out var tg) ? tg.GetArrayLength() : 0);
                    run.Data.Metrics.Count.Should().Be(data.TryGetProperty("metrics", out var mt) ? mt.GetArrayLength() : 0);
                });
                return null;
            case ("GET", "/api/2.0/mlflow/metrics/get-history"):
                if (t.Query.TryGetValue("max_results", out var max) && max != "25000")
                {
                    return "paging with a small max_results (see RestStoreTests for paging)";
                }

                await Expect(t, async () =>
                {
                    var history = await store.GetMetricHistoryAsync(t.Query["run_id"], t.Query["metric_key"]);
                    var expected = Json(t).TryGetProperty("metrics", out var em) ? em.EnumerateArray().Select(MlflowJsonMetric).ToList() : [];
                    history.Should().HaveCount(expected.Count);
                    for (var i = 0; i < expected.Count; i++)
                    {
                        history[i].Value.Should().Be(expected[i].Value);
                        history[i].Step.Should().Be(expected[i].Step);
                    }
                });
                return null;
            case ("POST", "/api/2.0/mlflow/runs/search"):
                var query = new SearchRunsQuery
                {
                    ExperimentIds = b.GetProperty("experiment_ids").EnumerateArray().Select(x => x.GetString()!).ToList(),
                    Filter = OptS("filter"),
                    OrderBy = b.TryGetProperty("order_by", out var ob) ? ob.EnumerateArray().Select(x => x.GetString()!).ToList() : [],
                    MaxResults = b.TryGetProperty("max_results", out var mr) ? mr.GetInt32() : null,
                    ViewType = OptS("run_view_type") switch
                    {
                        "ACTIVE_ONLY" => ViewType.ActiveOnly,
                        "DELETED_ONLY" => ViewType.DeletedOnly,
                        "ALL" => ViewType.All,
                        _ => null,
                    },
                };
                await Expect(t, async () =>
                {
                    var page = await store.SearchRunsAsync(query);
                    var expected = Json(t);
                    page.Runs.Count.Should().Be(expected.TryGetProperty("runs", out var rs) ? rs.GetArrayLength() : 0);
                    page.NextPageToken.Should().Be(expected.TryGetProperty("next_page_token", out var tok) ? tok.GetString() : null);
                });
                return null;
            case ("GET", "/api/2.0/mlflow/runs/nope"):
                await Expect(t, async () => (await store.Http.GetJsonAsync(path, [], CancellationToken.None)).Dispose(), "ENDPOINT_NOT_FOUND");
                return null;
            default:
                return "an endpoint Crucible does not use";
        }
    }

    private static async Task Expect(Transcript t, Func<Task> call, string? errorCode = null)
    {
        if (t.StatusCode is >= 200 and < 300)
        {
            await call();
            return;
        }

        var ex = (await call.Should().ThrowAsync<MlflowApiException>()).Which;
        ((int)ex.StatusCode).Should().Be(t.StatusCode, t.File);
        var expectedCode = errorCode ?? Json(t).GetProperty("error_code").GetString();
        ex.ErrorCode.Should().Be(expectedCode, t.File);
        if (errorCode is null)
        {
            ex.Message.Should().Be(Json(t).GetProperty("message").GetString());
        }

        switch (expectedCode)
        {
            case "RESOURCE_DOES_NOT_EXIST":
                ex.Should().BeOfType<ResourceNotFoundException>();
                break;
            case "RESOURCE_ALREADY_EXISTS":
                ex.Should().BeOfType<ResourceAlreadyExistsException>();
                break;
            case "INVALID_PARAMETER_VALUE":
                ex.Should().BeOfType<InvalidParameterException>();
                break;
        }
    }

    private static JsonElement Json(Transcript t) => JsonDocument.Parse(t.ResponseBody).RootElement;

    private static Metric ReadMetric(JsonElement m) => new(
        m.GetProperty("key").GetString()!,
        MlflowJsonMetric(m).Value,
        m.GetProperty("timestamp").GetInt64(),
        m.TryGetProperty("step", out var s) ? s.GetInt64() : 0);

    private static Metric MlflowJsonMetric(JsonElement m)
    {
        var v = m.GetProperty("value");
        var value = v.ValueKind == JsonValueKind.Number ? v.GetDouble() : v.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var s => double.Parse(s!, CultureInfo.InvariantCulture),
        };
        return new Metric(m.GetProperty("key").GetString()!, value, m.TryGetProperty("timestamp", out var ts) ? ts.GetInt64() : 0, m.TryGetProperty("step", out var st) ? st.GetInt64() : 0);
    }

    // "1/<run>/artifacts/model/config.json" -> (run, "model/config.json")
    private static (string RunId, string Relative) SplitArtifactPath(string path)
    {
        var parts = path.Split('/');
        return (parts[1], string.Join('/', parts.Skip(3)));
    }
}
