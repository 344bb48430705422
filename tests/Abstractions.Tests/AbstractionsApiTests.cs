using System.Runtime.CompilerServices;
using Crucible.Abstractions;

namespace Crucible.Abstractions.Tests;

/// <summary>
/// The public API of Crucible.Abstractions is what every plugin compiles against: any change to it
/// must be a deliberate, reviewed diff of Crucible.Abstractions.approved.txt.
/// </summary>
public sealed class AbstractionsApiTests
{
    [Fact]
    public void Public_api_matches_the_approved_snapshot() => ApiSnapshot.Verify(typeof(IPlugin).Assembly, SourceDirectory());

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
