using System.Text.Json;
using Crucible.Host.Training;

namespace Crucible.Host.Tests.Training;

public class ExperimentParamsTests
{
    [Fact]
    public void Flattens_sections_into_dotted_keys_and_keeps_scalar_lists_whole()
    {
        using var doc = JsonDocument.Parse("""
            {
              "$schema": "https://example/schema.json",
              "model": { "name": "mlp", "hidden": [512, 256], "dropout": 0.2, "batchNorm": false },
              "optimizer": { "name": "adam", "lr": 0.001 },
              "dataset": { "name": "inline", "rows": [[1, 2], [3, 4]] },
              "metrics": [ { "name": "accuracy" }, { "name": "f1", "average": "macro" } ],
              "training": { "earlyStopping": null, "checkpoint": {} }
            }
            """);

        var flat = ExperimentParams.Flatten(doc.RootElement);

        flat.Should().Contain("model.name", "mlp")
            .And.Contain("model.hidden", "[512,256]")
            .And.Contain("model.dropout", "0.2")
            .And.Contain("model.batchNorm", "false")
            .And.Contain("optimizer.lr", "0.001")
            .And.Contain("dataset.rows", "[[1,2],[3,4]]")
            .And.Contain("metrics.0.name", "accuracy")
            .And.Contain("metrics.1.average", "macro")
            .And.Contain("training.earlyStopping", "null")
            .And.Contain("training.checkpoint", "{}");
        flat.Keys.Should().NotContain(k => k.StartsWith("$schema", StringComparison.Ordinal));
    }

    [Fact]
    public void Masks_values_under_secret_keys_and_passwords_in_uris()
    {
        using var doc = JsonDocument.Parse("""
            {
              "tracking": { "trackingUri": "https://alice:hunter2@mlflow.example.com", "tags": { "apiKey": "abc", "owner": "alice" } },
              "dataset": { "download": { "token": "xyz", "url": "https://data.example.com/x.gz" } }
            }
            """);

        var flat = ExperimentParams.Flatten(doc.RootElement);

        flat["tracking.tags.apiKey"].Should().Be("***");
        flat["dataset.download.token"].Should().Be("***");
        flat["tracking.tags.owner"].Should().Be("alice");
        flat["dataset.download.url"].Should().Be("https://data.example.com/x.gz");
        flat["tracking.trackingUri"].Should().NotContain("hunter2");
    }
}
