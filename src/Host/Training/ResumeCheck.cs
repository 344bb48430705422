using System.Globalization;
using Crucible.Abstractions;
using Crucible.Host.Configuration;
using Crucible.Torch;
using Experiment = Crucible.Host.Configuration.Experiment;

namespace Crucible.Host.Training;

/// <summary>
/// Checks a resume's checkpoint against the composed run before the run is touched: it must parse,
/// come from the same seed, lie within <c>training.epochs</c>, and its weights, optimizer state and
/// RNG state must load into what was composed. A resume refused here leaves the run as it was.
/// </summary>
internal static class ResumeCheck
{
    public static List<ConfigProblem> Checkpoint(ResumePoint resume, Experiment experiment, ComposedRun composed)
    {
        ArgumentNullException.ThrowIfNull(resume);
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(composed);
        var source = $"--resume {resume.RunId}";
        var problems = new List<ConfigProblem>();
        if (!experiment.Training.Checkpoint.Enabled)
        {
            problems.Add(new ConfigProblem(experiment.FilePath, "$.training.checkpoint.enabled", "resuming needs checkpointing, but it is false."));
            return problems;
        }

        CheckpointInfo info;
        try
        {
            info = CheckpointFormat.ReadInfo(resume.LastCheckpoint);
        }
        catch (Exception e) when (e is TrainingException or System.Text.Json.JsonException or IOException)
        {
            problems.Add(new ConfigProblem(source, JsonPaths.Root, $"the run's last checkpoint cannot be read: {e.Message}"));
            return problems;
        }

        if (info.Seed != experiment.Training.Seed)
        {
            problems.Add(new ConfigProblem(source, JsonPaths.Root, string.Create(CultureInfo.InvariantCulture, $"the checkpoint was written with seed {info.Seed}, but training.seed is {experiment.Training.Seed}.")));
        }

        if (info.Epoch > experiment.Training.Epochs)
        {
            problems.Add(new ConfigProblem(source, JsonPaths.Root, string.Create(CultureInfo.InvariantCulture, $"the checkpoint is after epoch {info.Epoch}, beyond training.epochs = {experiment.Training.Epochs}.")));
        }

        foreach (var (file, load) in new (string, Action<string>)[]
        {
            (CheckpointFormat.ModelFile, path => CheckpointFormat.LoadWeights(resume.LastCheckpoint, composed.Model)),
            (CheckpointFormat.OptimizerFile, path => torch.Load(path).Dispose()),
            (CheckpointFormat.RngFile, path => torch.Load(path).Dispose()),
        })
        {
            var path = Path.Combine(resume.LastCheckpoint, file);
            try
            {
                if (!File.Exists(path))
                {
                    throw new TrainingException($"{file} is missing");
                }

                load(path);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                problems.Add(new ConfigProblem(source, JsonPaths.Root, $"the run's last checkpoint does not fit this experiment ({file}): {e.Message}"));
            }
        }

        return problems;
    }
}
