using System.Globalization;
using System.Text.RegularExpressions;

namespace Crucible.Host.Configuration;

/// <summary>
/// Keeps messages readable whatever the input: a value quoted in a message (a 50 MB string, a binary
/// file read as CSV) is cut to its first characters with a note of its length.
/// </summary>
internal static partial class MessageText
{
    /// <summary>The most characters of one quoted value a message shows.</summary>
    public const int MaxQuoted = 120;

    /// <summary>The most characters of a whole message.</summary>
    public const int MaxMessage = 2_000;

    /// <summary><paramref name="value"/> itself when short, else its start and its length.</summary>
    public static string Cut(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length <= MaxQuoted
            ? value
            : string.Create(CultureInfo.InvariantCulture, $"{value[..MaxQuoted]}... ({value.Length:N0} characters)");
    }

    /// <summary>Cuts every long quoted value in <paramref name="message"/>, then the message itself.</summary>
    public static string Shorten(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var shortened = LongQuoted().Replace(message, m => m.Value[0] + Cut(m.Value[1..^1]) + m.Value[^1]);
        return shortened.Length <= MaxMessage ? shortened : shortened[..MaxMessage] + string.Create(CultureInfo.InvariantCulture, $"... (message cut; {shortened.Length:N0} characters)");
    }

    [GeneratedRegex("'[^'\\n]{121,}'|\"[^\"\\n]{121,}\"")]
    private static partial Regex LongQuoted();
}
