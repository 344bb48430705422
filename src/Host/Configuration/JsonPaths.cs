using System.Globalization;
using System.Text.RegularExpressions;

namespace Crucible.Host.Configuration;

/// <summary>Builds the JSON paths problems are reported at (<c>$.optimizer.lr</c>, <c>$.metrics[1].average</c>).</summary>
internal static partial class JsonPaths
{
    public const string Root = "$";

    public static string Property(string parent, string name) =>
        SimpleName().IsMatch(name) ? $"{parent}.{name}" : $"{parent}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    public static string Index(string parent, int index) => string.Create(CultureInfo.InvariantCulture, $"{parent}[{index}]");

    /// <summary>True when <paramref name="prefix"/> is <paramref name="path"/> or one of its ancestors.</summary>
    public static bool IsPrefixOf(string prefix, string path) =>
        path.StartsWith(prefix, StringComparison.Ordinal)
        && (path.Length == prefix.Length || path[prefix.Length] is '.' or '[');

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$-]*$")]
    private static partial Regex SimpleName();
}
