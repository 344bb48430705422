using Crucible.Abstractions;

namespace Crucible.Plugins.Datasets.Common;

/// <summary>
/// Paths that must stay inside a folder (the download cache): checked after resolving <c>..</c>,
/// absolute parts and every symbolic link on the way, so that no name a user gives can lead out.
/// </summary>
internal static class ContainedPath
{
    /// <summary>
    /// The real path of <paramref name="path"/> (links resolved as far as the path exists), or a
    /// <see cref="DatasetException"/> when it lies outside <paramref name="root"/>.
    /// </summary>
    public static string Resolve(string root, string path, string what)
    {
        var realRoot = RealPath(Path.GetFullPath(root));
        var real = RealPath(Path.GetFullPath(path, root));
        var prefix = Path.EndsInDirectorySeparator(realRoot) ? realRoot : realRoot + Path.DirectorySeparatorChar;
        if (real != realRoot && !real.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new DatasetException($"'{path}' resolves to '{real}', outside {what} '{realRoot}'; a dataset writes only inside {what}.");
        }

        return real;
    }

    /// <summary>Resolves every symbolic link along an absolute path; parts that do not exist yet are kept as they are.</summary>
    private static string RealPath(string path, int depth = 0)
    {
        if (depth > 40)
        {
            throw new DatasetException($"Too many levels of symbolic links at '{path}'.");
        }

        var root = Path.GetPathRoot(path) ?? "/";
        var current = root;
        foreach (var part in path[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = part == ".." ? Path.GetDirectoryName(current) ?? root : Path.Combine(current, part);
            var info = new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                next = RealPath(Path.GetFullPath(target, current), depth + 1);
            }

            current = next;
        }

        return current;
    }
}
