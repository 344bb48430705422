using System.Reflection;
using FluentAssertions;
using PublicApiGenerator;

namespace Crucible.TestSupport;

/// <summary>
/// The approval test of a public API (Serilog's): the assembly's public surface, as PublicApiGenerator
/// prints it, must equal <c>&lt;Assembly&gt;.approved.txt</c> beside the test. On a difference the
/// actual surface is written to <c>&lt;Assembly&gt;.received.txt</c> there, to review and copy over
/// the approved file when the change is deliberate.
/// </summary>
public static class ApiSnapshot
{
    /// <summary>Asserts that <paramref name="assembly"/>'s public API equals the approved file in <paramref name="folder"/>.</summary>
    public static void Verify(Assembly assembly, string folder)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(folder);
        var name = assembly.GetName().Name;
        var actual = Normalize(assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute"],
        }));
        var approvedPath = Path.Combine(folder, $"{name}.approved.txt");
        var receivedPath = Path.Combine(folder, $"{name}.received.txt");
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
            "the public API of {0} changed; if that is intended, review the diff between {1} and {2} and copy the received file over the approved one",
            name,
            receivedPath,
            approvedPath);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";
}
