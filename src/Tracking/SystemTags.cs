using System.Reflection;

namespace Crucible.Tracking;

/// <summary>MLflow's system tags and how Crucible fills them.</summary>
public static class SystemTags
{
    /// <summary>The run's display name.</summary>
    public const string RunName = "mlflow.runName";

    /// <summary>Who started the run.</summary>
    public const string User = "mlflow.user";

    /// <summary>The program that produced the run.</summary>
    public const string SourceName = "mlflow.source.name";

    /// <summary>The kind of source; Crucible runs are <c>LOCAL</c>.</summary>
    public const string SourceType = "mlflow.source.type";

    /// <summary>The git commit of the working tree, when run inside a repository.</summary>
    public const string GitCommit = "mlflow.source.git.commit";

    /// <summary>The run's description (markdown), shown in the MLflow UI.</summary>
    public const string NoteContent = "mlflow.note.content";

    /// <summary>The parent run of a nested run (sweeps).</summary>
    public const string ParentRunId = "mlflow.parentRunId";

    /// <summary>Crucible's tag holding the error of a FAILED run (the full text is the artifact <c>error.txt</c>).</summary>
    public const string Error = "crucible.error";

    /// <summary>
    /// The provisional id a run had while its store was unreachable (set by <c>crucible sync</c> when
    /// it creates the run; a sync interrupted right after creating it finds the run by this tag).
    /// </summary>
    public const string ProvisionalRunId = "crucible.provisional_run_id";

    /// <summary>The user name MLflow records: <c>$USER</c> or the OS account name.</summary>
    public static string CurrentUser() =>
        Environment.GetEnvironmentVariable("USER") is { Length: > 0 } user ? user : Environment.UserName;

    /// <summary>The program name MLflow records as <c>mlflow.source.name</c>: the entry assembly's file name.</summary>
    public static string CurrentSource()
    {
        var entry = Assembly.GetEntryAssembly();
        var location = entry?.Location;
        if (!string.IsNullOrEmpty(location))
        {
            return Path.GetFileName(location);
        }

        return entry?.GetName().Name ?? Environment.ProcessPath ?? "crucible";
    }

    /// <summary>
    /// The commit of the git repository containing <paramref name="directory"/>, read from
    /// <c>.git</c> directly (no git process), or null outside a repository.
    /// </summary>
    public static string? GitCommitOf(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        try
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(directory)); dir is not null; dir = dir.Parent)
            {
                var dotGit = Path.Combine(dir.FullName, ".git");
                string? gitDir = null;
                if (Directory.Exists(dotGit))
                {
                    gitDir = dotGit;
                }
                else if (File.Exists(dotGit))
                {
                    // A worktree or submodule: ".git" is a file "gitdir: <path>".
                    var text = File.ReadAllText(dotGit).Trim();
                    if (text.StartsWith("gitdir:", StringComparison.Ordinal))
                    {
                        gitDir = Path.GetFullPath(text["gitdir:".Length..].Trim(), dir.FullName);
                    }
                }

                if (gitDir is not null)
                {
                    return ResolveHead(gitDir);
                }
            }
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        return null;
    }

    private static string? ResolveHead(string gitDir)
    {
        var headPath = Path.Combine(gitDir, "HEAD");
        if (!File.Exists(headPath))
        {
            return null;
        }

        var head = File.ReadAllText(headPath).Trim();
        if (!head.StartsWith("ref:", StringComparison.Ordinal))
        {
            return IsSha(head) ? head : null;
        }

        var reference = head["ref:".Length..].Trim();

        // Worktrees keep refs in the common dir named by "commondir".
        var commonDirFile = Path.Combine(gitDir, "commondir");
        var commonDir = File.Exists(commonDirFile) ? Path.GetFullPath(File.ReadAllText(commonDirFile).Trim(), gitDir) : gitDir;
        foreach (var root in new[] { gitDir, commonDir })
        {
            var refPath = Path.Combine(root, reference);
            if (File.Exists(refPath))
            {
                var sha = File.ReadAllText(refPath).Trim();
                return IsSha(sha) ? sha : null;
            }
        }

        var packed = Path.Combine(commonDir, "packed-refs");
        if (File.Exists(packed))
        {
            foreach (var line in File.ReadLines(packed))
            {
                var parts = line.Split(' ', 2);
                if (parts.Length == 2 && parts[1].Trim() == reference && IsSha(parts[0]))
                {
                    return parts[0];
                }
            }
        }

        return null;
    }

    private static bool IsSha(string s) => s.Length is 40 or 64 && s.All(char.IsAsciiHexDigitLower);
}
