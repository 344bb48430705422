using Crucible.Torch;
using Crucible.Torch.Nn;
using Crucible.Torch.Optim;
using Microsoft.Extensions.Logging;

namespace Crucible.Abstractions;

/// <summary>
/// The trainer's state as a callback sees it. Epoch and batch numbers are 1-based in hooks
/// (epoch 1 is the first); before the first epoch they are 0.
/// </summary>
public interface ITrainerContext
{
    /// <summary>The model being trained (the task's primary model: its first model role).</summary>
    Module Model { get; }

    /// <summary>The run's optimizer (the primary model's).</summary>
    Optimizer Optimizer { get; }

    /// <summary>Every model of the run by role (<c>model</c>; a GAN's <c>generator</c> and <c>discriminator</c>).</summary>
    IReadOnlyDictionary<string, Module> Models { get; }

    /// <summary>Every optimizer of the run by role (the role of the model it updates).</summary>
    IReadOnlyDictionary<string, Optimizer> Optimizers { get; }

    /// <summary>Every loss of the run by role (<c>loss</c> for a task with one).</summary>
    IReadOnlyDictionary<string, Loss> Losses { get; }

    /// <summary>The run's learning-rate scheduler, or null.</summary>
    LrSchedule? Schedule { get; }

    /// <summary>The dataset's metadata.</summary>
    DatasetMetadata Dataset { get; }

    /// <summary>The device training runs on.</summary>
    Device Device { get; }

    /// <summary>The run's logger.</summary>
    ILogger Logger { get; }

    /// <summary>The MLflow run id of this run.</summary>
    string RunId { get; }

    /// <summary>The number of epochs requested.</summary>
    int Epochs { get; }

    /// <summary>The current epoch, 1-based.</summary>
    int Epoch { get; }

    /// <summary>The number of training batches per epoch.</summary>
    int BatchesPerEpoch { get; }

    /// <summary>The current batch within the epoch, 1-based.</summary>
    int Batch { get; }

    /// <summary>Optimizer steps taken since the run started (resumed runs continue the count).</summary>
    long GlobalStep { get; }

    /// <summary>The loss of the last training batch, or null before the first one ended.</summary>
    double? BatchLoss { get; }

    /// <summary>
    /// The latest epoch metrics by recorded name (<c>train_loss</c>, <c>val_loss</c>, <c>val_accuracy</c>,
    /// <c>lr</c>, and after testing <c>test_*</c>).
    /// </summary>
    IReadOnlyDictionary<string, double> Metrics { get; }

    /// <summary>A scratch folder for files the run records as artifacts.</summary>
    string OutputDirectory { get; }

    /// <summary>True once a stop was requested (by a callback, early stopping or an interrupt).</summary>
    bool StopRequested { get; }

    /// <summary>Asks the trainer to stop after the current batch; the reason is logged and recorded.</summary>
    void RequestStop(string reason);

    /// <summary>
    /// Clips the gradients of the model in <paramref name="role"/> as <c>training.gradientClipping</c>
    /// says (nothing when it is not set). The trainer does this itself with automatic optimization;
    /// a manual <see cref="TrainingTask"/> calls it between backward and its optimizer's step.
    /// </summary>
    void ClipGradients(string role);

    /// <summary>Records a metric at the current global step.</summary>
    void LogMetric(string key, double value);

    /// <summary>Records a file as an artifact of the run, under <paramref name="artifactPath"/> (a folder) when given.</summary>
    void LogArtifact(string localPath, string? artifactPath = null);

    /// <summary>The last epoch completed (its metrics recorded); 0 before the first one, a resumed run's checkpoint epoch at its start.</summary>
    int CompletedEpochs { get; }

    /// <summary>
    /// Writes everything a resumed run needs to continue bit-identically into <paramref name="directory"/>:
    /// the model's weights, the optimizer's and the scheduler's state dicts, libtorch's RNG state, every
    /// callback's <see cref="ITrainingCallback.SaveState"/> and where the loop stands
    /// (<c>checkpoint.json</c>). Call it at an epoch boundary (<see cref="ITrainingCallback.OnFitStart"/>,
    /// <see cref="ITrainingCallback.OnEpochEnd"/>): the checkpoint continues after <see cref="CompletedEpochs"/>.
    /// </summary>
    void SaveCheckpoint(string directory);
}
