using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crucible.Integration.Tests.Experiments;

namespace Crucible.Integration.Tests.Models;

/// <summary>
/// <c>crucible serve</c> speaks MLflow's scoring protocol on Kestrel: every input format gives the
/// run's recorded test accuracy on its test split, on libtorch and on ONNX Runtime, also under
/// concurrent requests; every request MLflow 2.12.2's server was recorded answering gets the same
/// status and error code; bad requests are 400 with MLflow's error JSON, never a 500 or a stack trace.
/// </summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    [RunsExperiment("softmax-iris")]
    public async Task Every_scoring_format_gives_the_test_accuracy_on_both_engines_also_concurrently()
    {
        var (_, run) = await ExperimentFiles.RunAsync(workspace, "softmax-iris");
        var split = TestSplitFile.Write(run, workspace.Write("test.csv", string.Empty));
        var expected = run.History("test_accuracy").Single();
        File.ReadAllText(Path.Combine(run.ArtifactsDirectory, "model", "MLmodel"))
            .Should().Contain("\n  onnx:\n    code: null\n    data: model.onnx\n", "a model whose layers export carries MLflow's onnx flavor");

        List<string>? libtorch = null;
        foreach (var engine in new[] { "libtorch", "onnx" })
        {
            await using var server = await ServedModel.StartAsync(workspace, $"runs:/{run.RunId}/model", "--engine", engine);
            (await server.Http.GetStringAsync("ping")).Should().Be("\n");
            (await server.Http.GetStringAsync("health")).Should().Be("\n");
            (await server.Http.GetStringAsync("version")).Should().MatchRegex(@"^\d+\.\d+\.\d+");

            var rows = new JsonArray(split.Inputs.Select(r => (JsonNode?)Row(r)).ToArray());
            var columns = new JsonArray(split.Header.Select(h => (JsonNode?)h).ToArray());
            var records = new JsonArray(split.Inputs.Select(r => (JsonNode?)Record(split.Header, r)).ToArray());
            var columnar = new JsonObject(split.Header.Select((h, c) => KeyValuePair.Create(h, (JsonNode?)new JsonArray(split.Inputs.Select(r => (JsonNode?)r[c]).ToArray()))));
            var bodies = new Dictionary<string, (string Body, string ContentType)>
            {
                ["csv"] = (File.ReadAllText(split.Path), "text/csv"),
                ["dataframe_split"] = (Body("dataframe_split", new JsonObject { ["columns"] = columns.DeepClone(), ["data"] = rows.DeepClone() }), "application/json"),
                ["dataframe_split without columns"] = (Body("dataframe_split", new JsonObject { ["data"] = rows.DeepClone() }), "application/json"),
                ["dataframe_records"] = (Body("dataframe_records", records.DeepClone()), "application/json"),
                ["instances"] = (Body("instances", rows.DeepClone()), "application/json; charset=utf-8"),
                ["inputs"] = (Body("inputs", rows.DeepClone()), "application/json"),
                ["inputs by column"] = (Body("inputs", columnar.DeepClone()), "application/json"),
            };
            foreach (var (format, (body, contentType)) in bodies)
            {
                var predicted = await server.PredictAsync(body, contentType);
                split.Accuracy(predicted).Should().Be(expected, $"{format} on {engine} must give the run's test accuracy");
                libtorch ??= predicted;
                predicted.Should().Equal(libtorch, $"{format} on {engine} predicts what libtorch does");
            }

            // Concurrent single-row requests (batched by the server) each get their own row's answer.
            var answers = await Task.WhenAll(split.Inputs.Select(r => server.PredictAsync(Body("inputs", new JsonArray(Row(r))))));
            answers.Select(a => a.Single()).Should().Equal(libtorch, $"concurrent requests on {engine} get their own rows back");
        }
    }

    [Fact]
    [RunsExperiment("softmax-iris")]
    public async Task Requests_get_MLflows_answers_and_bad_ones_400_JSON_or_413_never_500()
    {
        var (_, run) = await ExperimentFiles.RunAsync(workspace, "softmax-iris");
        await using var server = await ServedModel.StartAsync(workspace, Path.Combine(run.ArtifactsDirectory, "model"), "--max-body-bytes", "2000");

        // Every call recorded against MLflow 2.12.2's `mlflow models serve` of an iris model.
        var folder = Path.Combine(FixturesRoot(), "mlflow-models", "v2", "scoring-server", "torch");
        var recorded = Directory.EnumerateFiles(folder, "??_*.json").Order(StringComparer.Ordinal).ToList();
        recorded.Should().HaveCountGreaterThan(20);
        List<string>? first = null;
        foreach (var file in recorded)
        {
            using var call = JsonDocument.Parse(File.ReadAllText(file));
            var c = call.RootElement;
            var name = Path.GetFileName(file);
            using var request = new HttpRequestMessage(new HttpMethod(c.GetProperty("method").GetString()!), c.GetProperty("path").GetString()!.TrimStart('/'));
            if (c.TryGetProperty("request_body_kind", out var kind) && kind.ValueKind == JsonValueKind.String)
            {
                var body = kind.GetString() == "json" ? c.GetProperty("request_body").GetRawText() : c.GetProperty("request_body").GetString()!;
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
                request.Content.Headers.ContentType = c.GetProperty("request_content_type").GetString() is { } requestType ? MediaTypeHeaderValue.Parse(requestType) : null;
            }

            using var response = await server.Http.SendAsync(request);
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            var mlflowStatus = c.GetProperty("status_code").GetInt32();
            var expectedStatus = name switch
            {
                // MLflow answers 500 when the request has no Content-Type at all; that is a client's mistake: 415.
                _ when name.Contains("no_content_type", StringComparison.Ordinal) => 415,
                // MLflow's torch model has a tensor signature, which refuses CSV; a Crucible model takes CSV.
                _ when name.Contains("invocations_csv", StringComparison.Ordinal) => 200,
                _ => mlflowStatus,
            };
            status.Should().Be(expectedStatus, $"{name}: {text}");
            status.Should().NotBe(500);
            text.Should().NotContain("stack_trace").And.NotContain("   at ", $"{name}: no stack trace");
            if (status == 200 && name.Contains("invocations", StringComparison.Ordinal))
            {
                using var answer = JsonDocument.Parse(text);
                var predictions = answer.RootElement.GetProperty("predictions").EnumerateArray().Select(p => p.GetString()!).ToList();
                first ??= predictions;
                if (predictions.Count == first.Count)
                {
                    predictions.Should().Equal(first, $"{name} sends the same three flowers");
                }
            }

            if (status == 400)
            {
                response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
                using var error = JsonDocument.Parse(text);
                error.RootElement.GetProperty("error_code").GetString().Should().Be(
                    c.GetProperty("response_body").GetProperty("error_code").GetString(), $"{name}: MLflow's error code");
                error.RootElement.GetProperty("message").GetString().Should().NotBeNullOrWhiteSpace();
            }
        }

        first.Should().Equal("setosa", "versicolor", "virginica");

        // Bodies over --max-body-bytes: 413 with MLflow's error JSON, announced or streamed.
        var large = "{\"inputs\": [" + string.Join(", ", Enumerable.Repeat("[5.1, 3.5, 1.4, 0.2]", 200)) + "]}";
        var (tooLarge, type, message) = await server.InvokeAsync(large);
        tooLarge.Should().Be(413, message);
        type.Should().Be("application/json");
        JsonDocument.Parse(message).RootElement.GetProperty("error_code").GetString().Should().Be("REQUEST_LIMIT_EXCEEDED");
        using (var streamed = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(large))))
        {
            streamed.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await server.Http.PostAsync("invocations", streamed);
            response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge, await response.Content.ReadAsStringAsync());
        }

        // More bad requests a user makes: every one is a 400 with a message that says what is wrong.
        foreach (var (body, contentType, says) in new[]
        {
            ("{\"dataframe_records\": [{\"x\": 1}]}", "application/json", "column"),
            ("{\"inputs\": [[1, 2, null, 4]]}", "application/json", "null"),
            ("{\"dataframe_split\": {\"data\": 7}}", "application/json", "dataframe_split"),
            ("{\"inputs\": 3}", "application/json", "list"),
            ("a,b,c,d\n1,2,3\n", "text/csv", "line 2"),
            ("a,b,c,d\n1,2,x,4\n", "text/csv", "not a number"),
        })
        {
            var (status, _, text) = await server.InvokeAsync(body, contentType);
            status.Should().Be(400, $"{body}: {text}");
            JsonDocument.Parse(text).RootElement.GetProperty("message").GetString().Should().Contain(says);
        }

        // The server is still answering after all that.
        (await server.PredictAsync("{\"inputs\": [[5.1, 3.5, 1.4, 0.2]]}")).Should().Equal("setosa");
    }

    private static JsonArray Row(double[] values) => new(values.Select(v => (JsonNode?)v).ToArray());

    private static JsonObject Record(IReadOnlyList<string> header, double[] values) =>
        new(header.Select((h, c) => KeyValuePair.Create(h, (JsonNode?)values[c])));

    private static string Body(string key, JsonNode value) => new JsonObject { [key] = value }.ToJsonString();

    /// <summary>The shared MLflow fixtures: CRUCIBLE_FIXTURES, else next to CRUCIBLE_DATA.</summary>
    private static string FixturesRoot()
    {
        if (Environment.GetEnvironmentVariable("CRUCIBLE_FIXTURES") is { Length: > 0 } fixtures && Directory.Exists(fixtures))
        {
            return fixtures;
        }

        var data = Environment.GetEnvironmentVariable("CRUCIBLE_DATA")
            ?? throw new InvalidOperationException("CRUCIBLE_DATA (or CRUCIBLE_FIXTURES) must be set to find the shared MLflow fixtures.");
        return Path.GetFullPath(Path.Combine(data, "..", "fixtures"));
    }
}
