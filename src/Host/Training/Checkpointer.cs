using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Crucible.Abstractions;

namespace Crucible.Host.Training;

/// <summary>
/// The built-in checkpoint callback (Lightning's <c>ModelCheckpoint</c>), on the same interface as
/// every plugin callback: writes the run's state through <see cref="ITrainerContext.SaveCheckpoint"/>
/// and records it as artifacts. <c>checkpoints/last</c> is written once before the first epoch (so an
/// interrupted run can always resume), after the final epoch, and in between every
/// <c>everyEpochs</c> epochs or, by default, at most once per <c>everySeconds</c>;
/// <c>checkpoints/best</c> whenever the monitored metric improves, recorded at the same moments (a
/// run of thousands of short epochs writes a few checkpoints, not thousands). Its monitor is its
/// checkpointed state.
/// </summary>
internal sealed class Checkpointer : ITrainingCallback
{
    public const string Name = "checkpoint";
    public const string LastArtifactPath = "checkpoints/last";
    public const string BestArtifactPath = "checkpoints/best";

    private readonly string root;
    private readonly int? everyEpochs;
    private readonly TimeSpan interval;
    private readonly bool saveLast;
    private readonly Stopwatch sinceLastSave = new();
    private bool bestUnrecorded;

    /// <param name="root">Where the checkpoint folders are written.</param>
    /// <param name="best">Decides which epoch is best; null keeps no best checkpoint.</param>
    /// <param name="everyEpochs">Write <c>last</c> every this many epochs; null: by time.</param>
    /// <param name="interval">With <paramref name="everyEpochs"/> null, the least time between two <c>last</c> checkpoints.</param>
    /// <param name="saveLast">Whether <c>last</c> is kept at all.</param>
    public Checkpointer(string root, MetricMonitor? best, int? everyEpochs, TimeSpan interval, bool saveLast = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        if (everyEpochs is { } n)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero);
        this.root = root;
        Best = best;
        this.everyEpochs = everyEpochs;
        this.interval = interval;
        this.saveLast = saveLast;
    }

    /// <summary>Decides which epoch is "best"; null when the run keeps no best checkpoint.</summary>
    public MetricMonitor? Best { get; }

    /// <summary>The local folder of the latest <c>last</c> checkpoint, or null before the first.</summary>
    public string? LastDirectory { get; private set; }

    /// <summary>The local folder of the current best checkpoint, or null when none was written.</summary>
    public string? BestDirectory { get; private set; }

    /// <summary>Epoch 0 of a new run: an interrupted first epoch still leaves something to resume from.</summary>
    public void OnFitStart(ITrainerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        sinceLastSave.Restart();
        if (context.CompletedEpochs == 0 && saveLast)
        {
            SaveLast(context);
        }
    }

    public void OnEpochEnd(ITrainerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var epoch = context.CompletedEpochs;
        if (Best is not null)
        {
            if (!context.Metrics.TryGetValue(Best.Metric, out var value))
            {
                throw new TrainingException(
                    $"The best checkpoint monitors '{Best.Metric}', which this run does not record. " +
                    $"Recorded: {string.Join(", ", context.Metrics.Keys.Order(StringComparer.Ordinal))}.");
            }

            if (Best.Update(epoch, value))
            {
                // The best weights are written now (they are gone after the next step) and recorded
                // with the next last checkpoint, or at the end.
                var previous = BestDirectory;
                BestDirectory = Folder(epoch);
                context.SaveCheckpoint(BestDirectory);
                bestUnrecorded = true;
                Prune(previous);
            }
        }

        var final = epoch == context.Epochs || context.StopRequested;
        var due = everyEpochs is { } n ? epoch % n == 0 : sinceLastSave.Elapsed >= interval;
        if (saveLast && (due || final))
        {
            SaveLast(context);
        }

        if (final || (saveLast && due))
        {
            RecordBest(context);
        }
    }

    /// <summary>A best checkpoint not yet recorded (training stopped before the next last one) is recorded now.</summary>
    public void OnFitEnd(ITrainerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        RecordBest(context);
    }

    public JsonElement? SaveState() => Best is null ? null : JsonSerializer.SerializeToElement(Best.Save(), MonitorState.Json);

    public void LoadState(JsonElement state) =>
        Best?.Restore(state.Deserialize<MonitorState>(MonitorState.Json) ?? throw new TrainingException("The checkpoint's best-checkpoint state is empty."));

    /// <summary>Uses a downloaded best checkpoint (of the run being resumed) as the current best.</summary>
    public void AdoptBest(string? directory)
    {
        if (directory is not null && File.Exists(Path.Combine(directory, CheckpointFormat.ModelFile)))
        {
            BestDirectory = directory;
        }
    }

    private void SaveLast(ITrainerContext context)
    {
        // The recorder snapshots a folder when it is logged, so the previous one can go right away;
        // the best one stays for restoring the best weights at the end.
        var previous = LastDirectory;
        var directory = Folder(context.CompletedEpochs);
        if (directory != BestDirectory)
        {
            context.SaveCheckpoint(directory);
        }

        LastDirectory = directory;
        context.LogArtifact(directory, LastArtifactPath);
        sinceLastSave.Restart();
        Prune(previous);
    }

    private void RecordBest(ITrainerContext context)
    {
        if (bestUnrecorded && BestDirectory is not null)
        {
            context.LogArtifact(BestDirectory, BestArtifactPath);
            bestUnrecorded = false;
        }
    }

    private string Folder(int epoch) => Path.Combine(root, string.Create(CultureInfo.InvariantCulture, $"epoch-{epoch:D4}"));

    private void Prune(string? old)
    {
        if (old is not null && old != LastDirectory && old != BestDirectory && Directory.Exists(old))
        {
            Directory.Delete(old, recursive: true);
        }
    }
}
