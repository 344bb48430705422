namespace Crucible.Host.Configuration;

/// <summary>"Did you mean" help for misspelt plugin names, options and sections.</summary>
internal static class NameSuggestions
{
    /// <summary>The closest candidate within a small edit distance, or null.</summary>
    public static string? Closest(string given, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(given);
        var best = candidates
            .Select(c => (Name: c, Distance: Distance(given.ToUpperInvariant(), c.ToUpperInvariant())))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        var limit = Math.Max(2, given.Length / 3);
        return best.Name is not null && best.Distance <= limit ? best.Name : null;
    }

    /// <summary>" Did you mean 'x'?" or empty.</summary>
    public static string DidYouMean(string given, IEnumerable<string> candidates) =>
        Closest(given, candidates) is { } match ? $" Did you mean '{match}'?" : string.Empty;

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
