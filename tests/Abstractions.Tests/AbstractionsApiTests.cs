using System.Runtime.CompilerServices;
using Crucible.Abstractions;
using PublicApiGenerator;

namespace Crucible.Abstractions.Tests;

/// <summary>
/// The public API of Crucible.Abstractions is what every plugin compiles against: any change to it
/// must be a deliberate, reviewed diff of Crucible.Abstractions.approved.txt.
/// </summary>
public sealed class AbstractionsApiTests
{
    [Fact]
    public void Public_api_matches_the_approved_snapshot()
    {
        var actual = Normalize(typeof(IPlugin).Assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute"],
        }));
        var approvedPath = Path.Combine(SourceDirectory(), "Crucible.Abstractions.approved.txt");
        var receivedPath = Path.Combine(SourceDirectory(), "Crucible.Abstractions.received.txt");
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
            "the public API of Crucible.Abstractions changed; if that is intended, review the diff between {0} and {1} and copy the received file over the approved one",
            receivedPath,
            approvedPath);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
