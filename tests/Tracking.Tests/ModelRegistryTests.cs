using Crucible.Tracking.Registry;
using Crucible.Tracking.Rest;
using Crucible.Tracking.Tests.FakeMlflow;

namespace Crucible.Tracking.Tests;

/// <summary>
/// The Model Registry against what real MLflow wrote and answered: the file store's <c>models/</c>
/// tree (MLflow 2.12.2 and 3.11.1 wrote the fixtures) and the REST calls of MLflow's own client.
/// </summary>
public class ModelRegistryTests
{
    public static TheoryData<string> Versions() => new() { "v2", "v3" };

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task The_file_registry_reads_what_MLflow_wrote(string version)
    {
        var mlruns = Path.Combine(Fixtures.Root, "mlflow-models", version, "registry-filestore", "mlruns");
        using var registry = new FileModelRegistry(mlruns);

        var first = await registry.GetModelVersionAsync("crucible-file-model", 1);
        first.Source.Should().StartWith("runs:/").And.EndWith("/model");
        first.RunId.Should().HaveLength(32);
        first.CurrentStage.Should().Be("Staging");
        var deleted = () => registry.GetModelVersionAsync("crucible-file-model", 4);
        await deleted.Should().ThrowAsync<ResourceNotFoundException>("a deleted version stays on disk as Deleted_Internal");
        var missing = () => registry.GetModelVersionAsync("no-such-model", 1);
        await missing.Should().ThrowAsync<ResourceNotFoundException>();
    }

    /// <summary>MLflow 2.x's layout, which 3.x reads too (3.x adds optional keys: workspace, deployment jobs, model_id).</summary>
    [Fact]
    public async Task The_file_registry_writes_the_files_MLflow_writes()
    {
        var reference = Path.Combine(Fixtures.Root, "mlflow-models", "v2", "registry-filestore", "mlruns", "models", "crucible-file-torch");
        using var temp = new TempDirectory();
        using var registry = new FileModelRegistry(temp.Path);

        (await registry.CreateRegisteredModelAsync("m")).Should().BeTrue();
        (await registry.CreateRegisteredModelAsync("m")).Should().BeFalse("an existing model is fine, as MLflow's register_model treats it");
        var v1 = await registry.CreateModelVersionAsync("m", "file:///store/0/abc/artifacts/model", "abc");
        var v2 = await registry.CreateModelVersionAsync("m", "file:///store/0/abc/artifacts/model", "abc");
        (v1.Version, v2.Version).Should().Be((1, 2));

        // Same keys, same YAML shapes as MLflow's own files, values aside.
        Keys(Path.Combine(temp.Path, "models", "m", "meta.yaml")).Should().Equal(Keys(Path.Combine(reference, "meta.yaml")));
        Keys(Path.Combine(temp.Path, "models", "m", "version-2", "meta.yaml")).Should().Equal(Keys(Path.Combine(reference, "version-1", "meta.yaml")));
        var written = File.ReadAllText(Path.Combine(temp.Path, "models", "m", "version-2", "meta.yaml"));
        written.Should().Contain("aliases: []\n").And.Contain("current_stage: None\n").And.Contain("version: 2\n").And.Contain("run_id: abc\n").And.Contain("status: READY\n");
        File.ReadAllText(Path.Combine(temp.Path, "models", "m", "meta.yaml")).Should().Contain("aliases: {}\n").And.Contain("description: null\n");
        (await registry.GetModelVersionAsync("m", 2)).Should().Be(v2 with { });

        var traversal = () => registry.CreateRegisteredModelAsync("../escape");
        await traversal.Should().ThrowAsync<InvalidParameterException>();
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task The_REST_registry_sends_what_MLflow_recorded(string version)
    {
        var root = Path.Combine(Fixtures.Root, "mlflow-models", version);
        using var server = new TranscriptServer();
        using var registry = new RestModelRegistry(server.BaseUri, new MlflowRestOptions());

        // register_model of MLflow's 2.x client: create (name only), then a version from the run's artifact URI.
        server.Expect(Transcript.Load(Path.Combine(Fixtures.Root, "mlflow-models", "v2", "log-model", "23_registered_models_create.json")));
        (await registry.CreateRegisteredModelAsync("crucible-iris-torch")).Should().BeTrue();
        server.Expect(Transcript.Load(Path.Combine(Fixtures.Root, "mlflow-models", "v2", "log-model", "25_model_versions_create.json")));
        var created = await registry.CreateModelVersionAsync("crucible-iris-torch", "mlflow-artifacts:/1/d257f2e01dce46f9be02d71917651a4b/artifacts/model", "d257f2e01dce46f9be02d71917651a4b");
        created.Version.Should().Be(1);
        created.Status.Should().Be("READY");

        server.Expect(Transcript.Load(Path.Combine(root, "registry", "37_error_registered_models_create_duplicate.json")));
        (await registry.CreateRegisteredModelAsync("crucible-curl-model")).Should().BeFalse();

        server.Expect(Transcript.Load(Path.Combine(root, "registry", "09_model_versions_get.json")));
        var got = await registry.GetModelVersionAsync("crucible-curl-model", 1);
        got.Source.Should().Be($"runs:/{got.RunId}/model");

        server.Expect(Transcript.Load(Path.Combine(root, "registry", "45_error_model_versions_get_missing_version.json")));
        var missing = () => registry.GetModelVersionAsync("crucible-curl-model", 999);
        await missing.Should().ThrowAsync<ResourceNotFoundException>();
        server.Mismatches.Should().BeEmpty();
    }

    private static List<string> Keys(string metaYaml) =>
        File.ReadAllLines(metaYaml).Where(l => l.Length > 0 && !l.StartsWith(' ')).Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]).ToList();
}
