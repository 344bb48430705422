using System.Runtime.CompilerServices;

namespace Crucible.Torch.Tests;

/// <summary>
/// The public API of Crucible.Torch, the tensor binding every model and optimizer plugin compiles
/// against: any change to it must be a deliberate, reviewed diff of Crucible.Torch.approved.txt.
/// </summary>
public sealed class TorchApiTests
{
    [Fact]
    public void Public_api_matches_the_approved_snapshot() => ApiSnapshot.Verify(typeof(Tensor).Assembly, SourceDirectory());

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
