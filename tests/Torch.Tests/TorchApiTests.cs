using System.Runtime.CompilerServices;
using PublicApiGenerator;

namespace Crucible.Torch.Tests;

/// <summary>
/// The public API of Crucible.Torch, the tensor binding every model and optimizer plugin compiles
/// against: any change to it must be a deliberate, reviewed diff of Crucible.Torch.approved.txt.
/// </summary>
public sealed class TorchApiTests
{
    [Fact]
    public void Public_api_matches_the_approved_snapshot()
    {
        var actual = Normalize(typeof(Tensor).Assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute"],
        }));
        var approvedPath = Path.Combine(SourceDirectory(), "Crucible.Torch.approved.txt");
        var receivedPath = Path.Combine(SourceDirectory(), "Crucible.Torch.received.txt");
        var approved = File.Exists(approvedPath) ? Normalize(File.ReadAllText(approvedPath)) : string.Empty;

        if (actual != approved)
        {
            File.WriteAllText(receivedPath, actual);
        }
        else if (File.Exists(receivedPath))
        {
            File.Delete(receivedPath);
        }

        actual.Should().Be(
            approved,
            "the public API of Crucible.Torch changed; if that is intended, review the diff between {0} and {1} and copy the received file over the approved one",
            receivedPath,
            approvedPath);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
