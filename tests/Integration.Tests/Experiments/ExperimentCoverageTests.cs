using System.Reflection;

namespace Crucible.Integration.Tests.Experiments;

/// <summary>Every shipped experiment file is valid, and every small one is trained and checked by a test.</summary>
public sealed class ExperimentCoverageTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public void Every_small_experiment_is_run_by_a_test()
    {
        var covered = typeof(ExperimentCoverageTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            .SelectMany(m => m.GetCustomAttributes<RunsExperimentAttribute>())
            .Select(a => a.Name)
            .ToHashSet(StringComparer.Ordinal);

        var small = ExperimentFiles.All().Where(ExperimentFiles.IsSmall).ToList();

        small.Where(n => !covered.Contains(n)).Should().BeEmpty("every small experiment needs a [RunsExperiment] test that trains it and asserts its result");
        covered.Where(n => !small.Contains(n)).Should().BeEmpty("a [RunsExperiment] name must be a small experiment file under experiments/");
    }

    [Fact]
    public async Task Every_experiment_file_validates()
    {
        // The image-folder experiment's folder is built from MNIST (a few digits are enough to validate).
        var digits = DigitFolder.Write(Path.Combine(workspace.Root, "digits-png"), trainPerClass: 2, testPerClass: 1);
        var extra = new Dictionary<string, string[]>(StringComparer.Ordinal) { ["image-folder-digits"] = ["--set", $"dataset.directory={digits}"] };
        var failures = new List<string>();
        foreach (var name in ExperimentFiles.All().Where(n => !ExperimentFiles.IsBase(n)))
        {
            var result = await workspace.RunAsync(["validate", ExperimentFiles.PathOf(name), .. extra.GetValueOrDefault(name, [])]);
            if (result.ExitCode != 0)
            {
                failures.Add($"{name}: {result}");
            }
        }

        failures.Should().BeEmpty();
        RecordedRun.All(workspace.MlRuns).Should().BeEmpty("validate records nothing");
    }
}
