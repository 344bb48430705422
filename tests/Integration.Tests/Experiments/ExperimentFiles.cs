namespace Crucible.Integration.Tests.Experiments;

/// <summary>The experiment files shipped in the repository's <c>experiments/</c> folder.</summary>
public static class ExperimentFiles
{
    /// <summary>
    /// Experiments too slow for the suite (full MNIST and Fashion-MNIST training); <c>scripts/train-mnist.sh</c>
    /// runs them and the README reports their results.
    /// </summary>
    private static readonly string[] SlowPrefixes = ["mnist-", "fashion-mnist-"];

    public static string Directory { get; } = Path.Combine(Cli.RepositoryRoot, "experiments");

    /// <summary>The path of <c>experiments/&lt;name&gt;.json</c>; <paramref name="name"/> may contain a subfolder.</summary>
    public static string PathOf(string name)
    {
        var path = Path.Combine(Directory, name + ".json");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No experiment file {path}.", path);
        }

        return path;
    }

    /// <summary>Every experiment file by name (relative to <c>experiments/</c>, '/' separated, no extension).</summary>
    public static IReadOnlyList<string> All() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.ChangeExtension(Path.GetRelativePath(Directory, f), null).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Whether <paramref name="name"/> is a base other files extend (<c>*.base.json</c>), not a run of its own.</summary>
    public static bool IsBase(string name) => name.EndsWith(".base", StringComparison.Ordinal);

    /// <summary>Whether the suite must run <paramref name="name"/> end to end (every runnable file but the slow ones).</summary>
    public static bool IsSmall(string name) =>
        !IsBase(name) && !SlowPrefixes.Any(p => Path.GetFileName(name).StartsWith(p, StringComparison.Ordinal));

    /// <summary>
    /// Runs <c>crucible run experiments/&lt;name&gt;.json</c> in <paramref name="workspace"/> (its <c>./mlruns</c>
    /// is the store), requires exit 0, then runs the run's own recorded <c>experiment.json</c> artifact
    /// and requires every metric to come out bit for bit the same (a record replays); returns the
    /// output and the first run.
    /// </summary>
    public static async Task<(CliResult Result, RecordedRun Run)> RunAsync(Workspace workspace, string name, params string[] extraArguments)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var (result, run) = await RunNewAsync(workspace, ["run", PathOf(name), .. extraArguments], $"experiments/{name}.json must train end to end.");

        var recorded = Path.Combine(run.ArtifactsDirectory, "experiment.json");
        var (replay, replayed) = await RunNewAsync(workspace, ["run", recorded], $"the recorded experiment.json of experiments/{name}.json must run.");
        replayed.ExperimentId.Should().Be(run.ExperimentId, "a replay records into the same MLflow experiment");
        var keys = run.Metrics.Keys.Where(k => !k.StartsWith("system/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        replayed.Metrics.Keys.Where(k => !k.StartsWith("system/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).Should().Equal(keys, replay.ToString());
        foreach (var key in keys)
        {
            replayed.Metrics[key].Select(p => (p.Step, BitConverter.DoubleToInt64Bits(p.Value)))
                .Should().Equal(run.Metrics[key].Select(p => (p.Step, BitConverter.DoubleToInt64Bits(p.Value))), $"replaying experiments/{name}.json's record must reproduce {key} bit for bit");
        }

        return (result, run);
    }

    private static async Task<(CliResult Result, RecordedRun Run)> RunNewAsync(Workspace workspace, string[] arguments, string because)
    {
        var before = RecordedRun.All(workspace.MlRuns).Select(r => r.RunId).ToHashSet(StringComparer.Ordinal);
        var result = await workspace.RunAsync(arguments);
        result.ExitCode.Should().Be(0, $"{because}\n{result}");
        var run = RecordedRun.All(workspace.MlRuns).Single(r => !before.Contains(r.RunId));
        run.Status.Should().Be("FINISHED");
        return (result, run);
    }
}
