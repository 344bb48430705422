using System.Text.Json;
using Crucible.Abstractions;
using Crucible.Host.Configuration;
using Crucible.Host.Training;
using Crucible.Torch;
using Crucible.Torch.Nn;
using Microsoft.Extensions.Logging.Abstractions;

namespace Crucible.Host.Tests.Training;

/// <summary>The built-in checkpoint callback through a real trainer: when it writes, and what a checkpoint restores.</summary>
[Collection(GlobalState.Name)]
public sealed class CheckpointerTests : IDisposable
{
    private static readonly DatasetMetadata Metadata = new() { Name = "line", FeatureShape = [1], TaskKind = TaskKind.Regression, OutputSize = 1 };
    private readonly List<IDisposable> owned = [];
    private readonly string root = Directory.CreateTempSubdirectory("crucible-checkpointer-").FullName;

    public void Dispose()
    {
        foreach (var d in owned)
        {
            d.Dispose();
        }

        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void By_default_a_long_run_of_short_epochs_writes_the_first_the_final_and_the_best_checkpoint_only()
    {
        torch.ManualSeed(1);
        var log = new MemoryRunLog();
        var checkpointer = new Checkpointer(Path.Combine(root, "checkpoints"), new MetricMonitor("train_loss", MonitorMode.Auto), everyEpochs: null, interval: TimeSpan.FromHours(1));
        var trainer = Build(log, epochs: 200, [(Checkpointer.Name, checkpointer)]);

        trainer.Fit(Line(32), validation: null, transform: null);

        log.Artifacts.Where(a => a.ArtifactPath == Checkpointer.LastArtifactPath).Select(a => Path.GetFileName(a.Path))
            .Should().Equal(["epoch-0000", "epoch-0200"], "within the interval only the start and the final epoch are written");
        log.Artifacts.Where(a => a.ArtifactPath == Checkpointer.BestArtifactPath).Should().ContainSingle("the best is recorded once, with the final checkpoint");
        CheckpointFormat.ReadInfo(checkpointer.BestDirectory!).Epoch.Should().Be(checkpointer.Best!.BestEpoch);
    }

    [Fact]
    public void Every_epochs_writes_the_last_checkpoint_on_schedule_and_after_the_final_epoch()
    {
        torch.ManualSeed(1);
        var log = new MemoryRunLog();
        var checkpointer = new Checkpointer(Path.Combine(root, "checkpoints"), best: null, everyEpochs: 4, interval: TimeSpan.Zero);
        var trainer = Build(log, epochs: 10, [(Checkpointer.Name, checkpointer)]);

        trainer.Fit(Line(32), validation: null, transform: null);

        log.Artifacts.Where(a => a.ArtifactPath == Checkpointer.LastArtifactPath).Select(a => Path.GetFileName(a.Path))
            .Should().Equal(["epoch-0000", "epoch-0004", "epoch-0008", "epoch-0010"]);
        log.Artifacts.Should().NotContain(a => a.ArtifactPath == Checkpointer.BestArtifactPath);
    }

    [Fact]
    public void A_checkpoint_restores_every_callbacks_state_plugin_callbacks_included()
    {
        torch.ManualSeed(1);
        var counter = new EpochCounter();
        var trainer = Build(new MemoryRunLog(), epochs: 3, [("counter", counter)]);
        trainer.Fit(Line(32), validation: null, transform: null);
        var directory = Path.Combine(root, "saved");
        trainer.SaveCheckpoint(directory);
        counter.Epochs.Should().Be(3);

        var fresh = new EpochCounter();
        var resumed = Build(new MemoryRunLog(), epochs: 5, [("counter", fresh)]);
        var info = resumed.RestoreCheckpoint(directory);

        info.Epoch.Should().Be(3);
        fresh.Epochs.Should().Be(3, "LoadState hands the callback what SaveState returned");
        resumed.Fit(Line(32), validation: null, transform: null, info.Epoch, info.GlobalStep);
        fresh.Epochs.Should().Be(5);
    }

    [Fact]
    public void A_checkpoint_of_another_seed_is_refused()
    {
        var trainer = Build(new MemoryRunLog(), epochs: 1, []);
        var directory = Path.Combine(root, "seeded");
        trainer.SaveCheckpoint(directory);

        var other = Build(new MemoryRunLog(), epochs: 1, [], seed: 7);
        var restore = () => other.RestoreCheckpoint(directory);

        restore.Should().Throw<TrainingException>().WithMessage("*seed 0*uses 7*");
    }

    [Fact]
    public void A_checkpoint_without_loss_scaling_keeps_no_loss_scale()
    {
        var trainer = Build(new MemoryRunLog(), epochs: 1, []);
        var directory = Path.Combine(root, "float32");
        trainer.SaveCheckpoint(directory);

        trainer.LossScaler.Should().BeNull();
        CheckpointFormat.ReadInfo(directory).LossScale.Should().BeNull();
    }

    [CudaFact]
    public void A_float16_checkpoint_restores_the_loss_scalers_state()
    {
        torch.ManualSeed(1);
        var trainer = Build(new MemoryRunLog(), epochs: 2, [], precision: MixedPrecision.Half, device: Device.Cuda);
        trainer.Fit(Line(32, Device.Cuda), validation: null, transform: null);
        var directory = Path.Combine(root, "float16");
        trainer.SaveCheckpoint(directory);
        var scaler = trainer.LossScaler!;
        CheckpointFormat.ReadInfo(directory).LossScale.Should().Be(new LossScaleState(scaler.Scale, scaler.GrowthTracker, scaler.SkippedSteps));
        (scaler.GrowthTracker + scaler.SkippedSteps).Should().BePositive("eight float16 steps were taken or skipped");

        var resumed = Build(new MemoryRunLog(), epochs: 3, [], precision: MixedPrecision.Half, device: Device.Cuda);
        resumed.RestoreCheckpoint(directory);

        (resumed.LossScaler!.Scale, resumed.LossScaler.GrowthTracker, resumed.LossScaler.SkippedSteps).Should().Be((scaler.Scale, scaler.GrowthTracker, scaler.SkippedSteps));
    }

    private DataSplit Line(int n, Device? device = null)
    {
        var x = torch.Randn([n, 1], device: device ?? Device.Cpu);
        var y = (x * 3.0) + 0.5;
        var split = new DataSplit(x.DetachFromDisposeScope(), y.DetachFromDisposeScope());
        owned.Add(split);
        return split;
    }

    private Trainer Build(MemoryRunLog log, int epochs, IReadOnlyList<(string, ITrainingCallback)> callbacks, long seed = 0, string precision = MixedPrecision.Full, Device? device = null)
    {
        var on = device ?? Device.Cpu;
        var model = new TinyLinear(1, 1);
        model.To(on);
        owned.Add(model);
        var optimizer = new PlainSgd(model.Parameters(), 0.05);
        owned.Add(optimizer);
        return new Trainer(
            new TrainingComponents { Model = model, Loss = new MSELoss(), Optimizer = optimizer, Callbacks = callbacks, Dataset = Metadata },
            new TrainerOptions { Epochs = epochs, BatchSize = 8, Precision = precision },
            new TrainerEnvironment { Device = on, RunLog = log, RunId = "run-1", OutputDirectory = root, Logger = NullLogger.Instance, Seed = seed });
    }

    private sealed class EpochCounter : ITrainingCallback
    {
        public int Epochs { get; private set; }

        public void OnEpochEnd(ITrainerContext context) => Epochs++;

        public JsonElement? SaveState() => JsonSerializer.SerializeToElement(Epochs);

        public void LoadState(JsonElement state) => Epochs = state.GetInt32();
    }
}
