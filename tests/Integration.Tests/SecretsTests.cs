using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Crucible.Tracking.Model;
using Crucible.Tracking.Tests.FakeMlflow;

namespace Crucible.Integration.Tests;

/// <summary>
/// Secrets a user can put anywhere (user info in the tracking URI given in the file or on the command
/// line, a tag under a secret name, a URL with user info in a tag or a dataset option, an override,
/// the environment) are used where they are meant for (the URI's user info and MLflow's variables
/// authenticate against the server) and appear nowhere else: in no file a run, a resume or a sync
/// writes, in no byte they print, in no byte sent to the server but the Authorization header.
/// </summary>
public sealed partial class SecretsTests : IDisposable
{
    private const string UriPassword = "uri-pw-1b6f0c";
    private const string TagSecret = "tag-secret-7d21e9";
    private const string TagUrlSecret = "tag-url-pw-93ac14";
    private const string OverrideSecret = "override-secret-45be02";
    private const string DownloadSecret = "download-pw-c07a58";
    private const string EnvironmentSecret = "env-token-e8f3b1";
    private const string WrongPassword = "wrong-pw-5a90d7";

    private readonly Workspace workspace = new();
    private readonly List<CliResult> printed = [];

    public void Dispose() => workspace.Dispose();

    [Fact]
    public async Task Secrets_planted_everywhere_are_in_no_file_written_no_byte_printed_and_no_record_after_run_resume_and_sync()
    {
        using var server = new FakeMlflowServer { RequiredAuthorization = Basic("alice", UriPassword) };
        var withCredentials = server.BaseUri.Replace("http://", $"http://alice:{UriPassword}@", StringComparison.Ordinal);
        var temp = Directory.CreateDirectory(Path.Combine(workspace.Root, "tmp")).FullName;
        var environment = new Dictionary<string, string>
        {
            // The run's scratch folder goes under the workspace, so it is searched too.
            ["TMPDIR"] = temp,
            ["SERVICE_API_TOKEN"] = EnvironmentSecret,
        };
        var file = TinyExperiment.WriteTo(workspace, Experiment(withCredentials));

        // 0. Wrong credentials: the server refuses to create the run (exit 1, nothing recorded), and the wrong password is not shown either.
        var refused = await RunAsync(environment, "run", file, "--tracking-uri", withCredentials.Replace(UriPassword, WrongPassword, StringComparison.Ordinal));
        refused.ExitCode.Should().Be(1, refused.ToString());
        refused.StandardError.Should().Contain("401").And.Contain(server.BaseUri);
        server.RunCount.Should().Be(0);

        // 1. A run recorded on a server that requires basic authentication, with the URI's user info.
        var run = await RunAsync(environment, "run", file, "--set", $"tracking.tags.password={OverrideSecret}", "--log-file", Path.Combine(workspace.Root, "extra.log"), "--verbose");
        run.ExitCode.Should().Be(0, run.ToString());
        server.LastAuthorization.Should().Be(Basic("alice", UriPassword), "the URI's user info authenticates");
        var runId = RunIdIn(run);
        var recorded = server.Run(runId);
        recorded.Status.Should().Be("FINISHED");
        recorded.Tags.Should().Contain("api_token", "***").And.Contain("password", "***");
        recorded.Tags["note"].Should().Contain("https://***@example.invalid");
        recorded.Params.Should().Contain("dataset.downloadUrl", "https://***@example.invalid/mnist/");
        Encoding.UTF8.GetString(ArtifactNamed(server, runId, "experiment.json"))
            .Should().Contain("\"api_token\": \"***\"").And.Contain(UriUserInfoMasked(server.BaseUri), "the file's tracking URI is recorded masked");
        File.ReadAllText(Path.Combine(workspace.Root, "extra.log")).Should().Contain(server.BaseUri, "the log names the server, without its user info");
        AssertNoSecretAnywhere(server, "after the run");

        // 2. Resume it from its own record with the credentials on the command line.
        var resumed = await RunAsync(environment, "run", "--resume", runId, "--set", "training.epochs=3", "--tracking-uri", withCredentials, "--verbose");
        resumed.ExitCode.Should().Be(0, resumed.ToString());
        resumed.StandardOutput.Should().Contain("Epoch 3/3");
        server.Run(runId).Status.Should().Be("FINISHED");
        AssertNoSecretAnywhere(server, "after the resume");

        // 3. The server is down when a run starts: it records offline; the outbox keeps the URI without user info.
        server.Unreachable = true;
        var offline = await RunAsync(environment, "run", file, "--set", "tracking.runName=offline", "--set", $"tracking.tags.password={OverrideSecret}");
        offline.ExitCode.Should().Be(0, offline.ToString());
        offline.Output.Should().Contain("recorded offline");
        var outboxes = Directory.EnumerateFiles(Path.Combine(workspace.Root, ".outbox"), "*", SearchOption.AllDirectories).ToList();
        outboxes.Should().NotBeEmpty("the offline run waits in the outbox");
        string.Concat(outboxes.Select(File.ReadAllText)).Should().Contain(server.BaseUri);
        AssertNoSecretAnywhere(server, "after the offline run");

        // 4. sync takes the credentials from MLflow's variables (the outbox has none).
        server.Unreachable = false;
        var syncEnvironment = new Dictionary<string, string>(environment)
        {
            ["MLFLOW_TRACKING_USERNAME"] = "alice",
            ["MLFLOW_TRACKING_PASSWORD"] = UriPassword,
        };
        var sync = await RunAsync(syncEnvironment, "sync");
        sync.ExitCode.Should().Be(0, sync.ToString());
        sync.StandardOutput.Should().Contain("(recorded offline) is now run");
        server.LastAuthorization.Should().Be(Basic("alice", UriPassword));
        AssertNoSecretAnywhere(server, "after the sync");
    }

    private static JsonObject Experiment(string trackingUri)
    {
        var data = Environment.GetEnvironmentVariable("CRUCIBLE_DATA") ?? "/work/shared/data";
        return new JsonObject
        {
            ["dataset"] = new JsonObject
            {
                ["name"] = "idx",
                ["directory"] = Path.Combine(data, "mnist"),
                ["trainLimit"] = 600,
                ["testLimit"] = 200,
                ["downloadUrl"] = $"https://carol:{DownloadSecret}@example.invalid/mnist/",
            },
            ["model"] = new JsonObject { ["name"] = "mlp", ["hidden"] = new JsonArray(16) },
            ["loss"] = "cross-entropy",
            ["optimizer"] = new JsonObject { ["name"] = "adam", ["lr"] = 0.01 },
            ["metrics"] = new JsonArray("accuracy"),
            ["training"] = new JsonObject
            {
                ["epochs"] = 2,
                ["batchSize"] = 64,
                ["validationSplit"] = 0.1,
                ["device"] = "cpu",
                ["threads"] = 1,
                ["seed"] = 3,
                ["checkpoint"] = new JsonObject { ["everyEpochs"] = 1 },
            },
            ["tracking"] = new JsonObject
            {
                ["trackingUri"] = trackingUri,
                ["experimentName"] = "secrets",
                ["tags"] = new JsonObject
                {
                    ["api_token"] = TagSecret,
                    ["note"] = $"data mirrored at https://dave:{TagUrlSecret}@example.invalid/x",
                },
            },
        };
    }

    private static string Basic(string user, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    private static string UriUserInfoMasked(string baseUri) => baseUri.Replace("http://", "http://***@", StringComparison.Ordinal);

    private static string RunIdIn(CliResult result) => RunStarted().Match(result.Output) is { Success: true } m
        ? m.Groups["id"].Value
        : throw new InvalidOperationException($"No run id printed.\n{result}");

    private static byte[] ArtifactNamed(FakeMlflowServer server, string runId, string name) =>
        server.ReceivedRequests
            .Select(r => Encoding.UTF8.GetString(r))
            .Where(r => r.StartsWith("PUT ", StringComparison.Ordinal) && r.Contains(runId, StringComparison.Ordinal) && r.Split('\n')[0].EndsWith("/" + name, StringComparison.Ordinal))
            .Select(r => Encoding.UTF8.GetBytes(r))
            .LastOrDefault() ?? throw new InvalidOperationException($"No artifact {name} was uploaded for run {runId}.");

    private async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var result = await Cli.RunAsync(workspace.Root, environment, args);
        printed.Add(result);
        return result;
    }

    // Every secret, and the Authorization header that carries the URI's password, in no byte printed,
    // written under the workspace (store, outbox, cache, logs, scratch folders) or sent to the server
    // outside that header. The experiment file is the user's own and holds them on purpose.
    private void AssertNoSecretAnywhere(FakeMlflowServer server, string when)
    {
        string[] secrets = [UriPassword, WrongPassword, TagSecret, TagUrlSecret, OverrideSecret, DownloadSecret, EnvironmentSecret, Basic("alice", UriPassword)["Basic ".Length..]];
        var places = new List<(string Where, byte[] Bytes)>();
        places.AddRange(printed.Select((r, i) => ($"the output of command {i + 1}", Encoding.UTF8.GetBytes(r.Output))));
        places.AddRange(Directory.EnumerateFiles(workspace.Root, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "experiment.json" || Path.GetDirectoryName(f) != workspace.Root)
            .Select(f => (f, File.ReadAllBytes(f))));
        places.AddRange(server.ReceivedRequests.Select((r, i) => ($"request {i + 1} to the server", r)));
        places.Count.Should().BeGreaterThan(printed.Count + 5, "there are files and requests to search");

        foreach (var (where, bytes) in places)
        {
            foreach (var secret in secrets)
            {
                bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)).Should().Be(-1, $"{when}: '{secret}' must not be in {where}");
            }
        }
    }

    [GeneratedRegex(@"Run (?<id>[0-9a-f]{32}) started")]
    private static partial Regex RunStarted();
}
