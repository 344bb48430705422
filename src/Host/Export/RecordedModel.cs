using Crucible.Abstractions;
using Crucible.Host.Configuration;
using Crucible.Host.Training;
using Crucible.Torch;
using Crucible.Tracking;
using Crucible.Tracking.Model;
using Microsoft.Extensions.Logging;
using Experiment = Crucible.Host.Configuration.Experiment;

namespace Crucible.Host.Export;

/// <summary>
/// The trained model of a recorded run, rebuilt from the run's record alone: its resolved
/// <c>experiment.json</c> composes the same dataset and model on the CPU (with the run's seed), and
/// its <c>model.safetensors</c> artifact supplies the weights.
/// </summary>
internal sealed class RecordedModel : IDisposable
{
    public const string ExperimentArtifact = "experiment.json";
    public const string WeightsArtifact = "model.safetensors";

    private RecordedModel(string runId, ComposedRun composed)
    {
        RunId = runId;
        Composed = composed;
    }

    public string RunId { get; }

    public ComposedRun Composed { get; }

    /// <summary>Downloads the run's experiment and weights from <paramref name="trackingUri"/> and rebuilds the model.</summary>
    /// <exception cref="ExportException">The run, or one of its artifacts, is missing (bad input).</exception>
    public static async Task<RecordedModel> LoadAsync(string trackingUri, string runId, ExperimentLoader loader, ILogger logger, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("crucible-export-").FullName;
        try
        {
            using (var store = TrackingStoreFactory.Create(trackingUri))
            {
                try
                {
                    await store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
                }
                catch (ResourceNotFoundException)
                {
                    throw new ExportException($"There is no run '{runId}' in {trackingUri}. Check the run id and --tracking-uri (or MLFLOW_TRACKING_URI).");
                }

                var artifacts = await store.ListArtifactsAsync(runId, null, cancellationToken).ConfigureAwait(false);
                foreach (var name in new[] { ExperimentArtifact, WeightsArtifact })
                {
                    if (!artifacts.Any(a => !a.IsDirectory && a.Path == name))
                    {
                        throw new ExportException($"Run '{runId}' has no '{name}' artifact; only runs that finished training record their weights.");
                    }

                    await store.DownloadArtifactsAsync(runId, name, folder, cancellationToken).ConfigureAwait(false);
                }
            }

            Experiment experiment;
            try
            {
                experiment = loader.Load(Path.Combine(folder, ExperimentArtifact), [], Environment.CurrentDirectory, Environment.GetEnvironmentVariable(PathResolution.DataRootVariable));
            }
            catch (ExperimentConfigException e)
            {
                var problems = e.Problems.Count > 0 ? string.Join(Environment.NewLine, e.Problems) : e.Message;
                throw new ExportException($"Run '{runId}''s recorded experiment cannot be composed here:{Environment.NewLine}{problems}");
            }

            var training = experiment.Training;
            Reproducibility.Apply(training.Seed, training.Deterministic, training.Threads);
            var composed = RunComposer.Compose(experiment, Device.Cpu, Path.Combine(folder, "run"), logger, cancellationToken);
            try
            {
                composed.Model.Load(Path.Combine(folder, WeightsArtifact));
                composed.Model.Eval();
                return new RecordedModel(runId, composed);
            }
            catch
            {
                composed.Dispose();
                throw;
            }
        }
        finally
        {
            ScratchFolder.TryDelete(folder);
        }
    }

    public void Dispose() => Composed.Dispose();
}
