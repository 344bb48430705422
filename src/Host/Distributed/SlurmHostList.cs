using System.Globalization;
using System.Text;

namespace Crucible.Host.Distributed;

/// <summary>
/// Slurm's compressed host lists (<c>SLURM_JOB_NODELIST</c>): <c>node[01-03,07],gpu-a</c> is node01,
/// node02, node03, node07 and gpu-a. Ranges keep their zero padding, as <c>scontrol show hostnames</c> does.
/// </summary>
internal static class SlurmHostList
{
    /// <summary>Every host of the list, in order.</summary>
    public static IReadOnlyList<string> Expand(string hostList)
    {
        ArgumentNullException.ThrowIfNull(hostList);
        var hosts = new List<string>();
        foreach (var item in SplitTopLevel(hostList))
        {
            hosts.AddRange(ExpandItem(item));
        }

        return hosts;
    }

    /// <summary>The first host: where rank 0 runs and the rendezvous listens.</summary>
    public static string First(string hostList)
    {
        var hosts = Expand(hostList);
        return hosts.Count > 0 ? hosts[0] : throw new FormatException($"the Slurm host list '{hostList}' names no host");
    }

    // Commas separate hosts except inside brackets.
    private static IEnumerable<string> SplitTopLevel(string list)
    {
        var depth = 0;
        var current = new StringBuilder();
        foreach (var c in list)
        {
            if (c == ',' && depth == 0)
            {
                if (current.Length > 0)
                {
                    yield return current.ToString();
                }

                current.Clear();
                continue;
            }

            depth += c switch { '[' => 1, ']' => -1, _ => 0 };
            if (depth < 0)
            {
                throw new FormatException($"unbalanced ']' in the Slurm host list '{list}'");
            }

            current.Append(c);
        }

        if (depth != 0)
        {
            throw new FormatException($"unbalanced '[' in the Slurm host list '{list}'");
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }

    // One item: a prefix, then at most one bracket group of ranges, then a suffix (which may hold more groups).
    private static List<string> ExpandItem(string item)
    {
        var open = item.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            return [item];
        }

        var close = item.IndexOf(']', open);
        var prefix = item[..open];
        var suffixes = ExpandItem(item[(close + 1)..]);
        var result = new List<string>();
        foreach (var part in item[(open + 1)..close].Split(','))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                result.AddRange(suffixes.Select(s => prefix + part + s));
                continue;
            }

            var from = part[..dash];
            var to = part[(dash + 1)..];
            var first = long.Parse(from, NumberStyles.None, CultureInfo.InvariantCulture);
            var last = long.Parse(to, NumberStyles.None, CultureInfo.InvariantCulture);
            if (last < first)
            {
                throw new FormatException($"the range '{part}' in the Slurm host list '{item}' runs backwards");
            }

            for (var n = first; n <= last; n++)
            {
                var number = n.ToString(CultureInfo.InvariantCulture).PadLeft(from.Length, '0');
                result.AddRange(suffixes.Select(s => prefix + number + s));
            }
        }

        return result;
    }
}
