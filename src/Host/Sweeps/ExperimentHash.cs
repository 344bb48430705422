using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Crucible.Host.Sweeps;

/// <summary>
/// The identity of a resolved experiment: SHA-256 of its JSON without the settings that do not change
/// what is trained (the <c>tracking</c> section and <c>training.threads</c>). Recorded on each trial's
/// run as <see cref="Tag"/>, so a sweep run again skips trials that already finished.
/// </summary>
internal static class ExperimentHash
{
    public const string Tag = "crucible.experiment_hash";

    public static string Of(JsonElement resolved)
    {
        var node = JsonNode.Parse(resolved.GetRawText())!.AsObject();
        node.Remove("tracking");
        if (node["training"] is JsonObject training)
        {
            training.Remove("threads");
        }

        return Of(node.ToJsonString());
    }

    public static string Of(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
