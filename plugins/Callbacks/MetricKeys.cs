using System.Text;

namespace Crucible.Plugins.Callbacks;

/// <summary>Turns column names into parts of MLflow metric keys, which allow letters, digits, _ - . / and spaces.</summary>
internal static class MetricKeys
{
    public static string Part(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Trim())
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_');
        }

        return builder.Length == 0 ? "_" : builder.ToString();
    }
}
