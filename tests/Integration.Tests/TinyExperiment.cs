using System.Text.Json;
using System.Text.Json.Nodes;

namespace Crucible.Integration.Tests;

/// <summary>
/// Small experiments on generated data that train in well under a second per epoch on one CPU core,
/// built as JSON so each test changes only what it is about.
/// </summary>
public static class TinyExperiment
{
    /// <summary>
    /// Noisy linear regression with an MLP with dropout (so the RNG matters every step), trained by the
    /// host's fixture loss, optimizer and metric plugins, with a validation split and a test split.
    /// </summary>
    public static JsonObject Classification(int epochs = 3) => new()
    {
        ["$schema"] = "https://crucible.dev/schema/experiment.json",
        ["dataset"] = new JsonObject { ["name"] = "synthetic", ["kind"] = "linear", ["samples"] = 160, ["noise"] = 0.1, ["testFraction"] = 0.25 },
        ["model"] = new JsonObject { ["name"] = "mlp", ["hidden"] = new JsonArray(8), ["dropout"] = 0.1 },
        ["loss"] = new JsonObject { ["name"] = "fixture-mse" },
        ["optimizer"] = new JsonObject { ["name"] = "fixture-sgd", ["lr"] = 0.05 },
        ["metrics"] = new JsonArray(new JsonObject { ["name"] = "fixture-mae" }),
        ["training"] = new JsonObject
        {
            ["epochs"] = epochs,
            ["batchSize"] = 16,
            ["validationSplit"] = 0.2,
            ["device"] = "cpu",
            ["threads"] = 1,
            ["seed"] = 7,
        },
        ["tracking"] = new JsonObject { ["experimentName"] = "integration" },
    };

    /// <summary>Writes <paramref name="experiment"/> as <c>name</c> in the workspace and returns its path.</summary>
    public static string WriteTo(Workspace workspace, JsonObject experiment, string name = "experiment.json") =>
        workspace.Write(name, experiment.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
}
