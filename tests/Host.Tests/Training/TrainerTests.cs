using Crucible.Abstractions;
using Crucible.Host.Training;
using Crucible.Torch;
using Crucible.Torch.Nn;
using Microsoft.Extensions.Logging.Abstractions;

namespace Crucible.Host.Tests.Training;

[Collection(GlobalState.Name)]
public sealed class TrainerTests : IDisposable
{
    private static readonly DatasetMetadata Metadata = new() { Name = "line", FeatureShape = [1], TaskKind = TaskKind.Regression, OutputSize = 1 };
    private readonly List<IDisposable> owned = [];

    public void Dispose()
    {
        foreach (var d in owned)
        {
            d.Dispose();
        }
    }

    [Fact]
    public void Fitting_a_line_lowers_the_loss_and_records_every_epoch()
    {
        torch.ManualSeed(1);
        var data = Line(50);
        var log = new MemoryRunLog();
        var trainer = Build(new TinyLinear(1, 1), lr: 0.1, epochs: 20, batchSize: 8, log);

        trainer.Fit(data, validation: null, transform: null);

        var losses = log.History("train_loss");
        losses.Should().HaveCount(20);
        losses[^1].Should().BeLessThan(losses[0] / 10);
        log.Metrics.Where(m => m.Key == "train_loss").Select(m => m.Step).Should().Equal(Enumerable.Range(1, 20).Select(i => i * 7L), "every metric is recorded at the global optimizer step");
        log.History("epoch").Should().Equal(Enumerable.Range(1, 20).Select(i => (double)i), "the epoch is recorded as its own metric");
        log.History("lr").Should().AllSatisfy(lr => lr.Should().Be(0.1));
        trainer.GlobalStep.Should().Be(20 * 7, "50 samples in batches of 8 make 7 steps per epoch");
    }

    [Fact]
    public void The_epoch_loss_is_the_mean_over_every_sample_not_the_mean_of_batch_means()
    {
        torch.ManualSeed(2);
        var data = Line(10);
        var model = new TinyLinear(1, 1);
        owned.Add(model);
        var log = new MemoryRunLog();

        // lr 0 keeps the model fixed, so the epoch loss must equal the loss over the whole split at
        // once; batches of 4 over 10 samples end with a batch of 2, where the two averages differ.
        var trainer = Build(model, lr: 0.0, epochs: 1, batchSize: 4, log, shuffle: false);
        trainer.Fit(data, validation: null, transform: null);

        double expected;
        using (torch.NoGrad())
        using (var scope = torch.NewDisposeScope())
        {
            expected = new MSELoss().Forward(model.Forward(data.Features), data.Targets).To(ScalarType.Float64).Item<double>();
        }

        log.History("train_loss").Single().Should().BeApproximately(expected, 1e-6);
    }

    [Fact]
    public void Metrics_see_every_sample_of_each_pass_once()
    {
        torch.ManualSeed(3);
        var data = Line(23);
        var validation = Line(9);
        var log = new MemoryRunLog();
        var trainer = Build(new TinyLinear(1, 1), lr: 0.01, epochs: 2, batchSize: 5, log, metrics: true);

        trainer.Fit(data, validation, transform: null);

        log.History("train_samples").Should().Equal(23, 23);
        log.History("val_samples").Should().Equal(9, 9);
        using var scope = torch.NewDisposeScope();
        var targetSum = data.Targets.Sum().To(ScalarType.Float64).Item<double>();
        log.History("train_target_sum").Should().AllSatisfy(s => s.Should().BeApproximately(targetSum, 1e-3), "shuffling visits every sample once");
        log.History("val_loss").Should().HaveCount(2);
    }

    [Fact]
    public void A_diverging_loss_fails_naming_the_epoch_and_batch()
    {
        torch.ManualSeed(4);
        var data = Line(40);
        var trainer = Build(new TinyLinear(1, 1), lr: 1e20, epochs: 3, batchSize: 4, new MemoryRunLog());

        var act = () => trainer.Fit(data, validation: null, transform: null);

        act.Should().Throw<TrainingException>().WithMessage("The training loss became * at epoch 1, batch * of 10.*");
    }

    [Fact]
    public void The_same_seed_gives_bit_identical_epoch_losses()
    {
        double[] Train()
        {
            torch.ManualSeed(5);
            var data = Line(30);
            var log = new MemoryRunLog();
            Build(new TinyLinear(1, 1), lr: 0.05, epochs: 5, batchSize: 7, log).Fit(data, validation: null, transform: null);
            return log.History("train_loss");
        }

        Train().Should().Equal(Train());
    }

    [Fact]
    public void A_stop_requested_by_a_callback_ends_training_after_that_epoch()
    {
        torch.ManualSeed(6);
        var data = Line(20);
        var log = new MemoryRunLog();
        var trainer = Build(new TinyLinear(1, 1), lr: 0.01, epochs: 10, batchSize: 5, log, callback: new StopAtEpoch(3));

        trainer.Fit(data, validation: null, transform: null);

        log.History("train_loss").Should().HaveCount(3);
        trainer.CompletedEpochs.Should().Be(3);
        trainer.StopReason.Should().Be("enough");
        trainer.Interrupted.Should().BeFalse();
    }

    [Fact]
    public void An_interrupt_abandons_the_current_epoch_without_recording_it()
    {
        torch.ManualSeed(7);
        var data = Line(20);
        var log = new MemoryRunLog();
        using var interrupt = new CancellationTokenSource();
        var trainer = Build(new TinyLinear(1, 1), lr: 0.01, epochs: 10, batchSize: 5, log, callback: new CancelAt(2, 2, interrupt), interrupt: interrupt.Token);

        trainer.Fit(data, validation: null, transform: null);

        trainer.Interrupted.Should().BeTrue();
        trainer.CompletedEpochs.Should().Be(1);
        log.History("train_loss").Should().HaveCount(1);
    }

    private DataSplit Line(int n)
    {
        var x = torch.Randn([n, 1]);
        var y = (x * 3.0) + 0.5;
        var split = new DataSplit(x.DetachFromDisposeScope(), y.DetachFromDisposeScope());
        owned.Add(split);
        return split;
    }

    private Trainer Build(
        Module model,
        double lr,
        int epochs,
        int batchSize,
        MemoryRunLog log,
        bool shuffle = true,
        bool metrics = false,
        ITrainingCallback? callback = null,
        CancellationToken interrupt = default)
    {
        owned.Add(model);
        var optimizer = new PlainSgd(model.Parameters(), lr);
        owned.Add(optimizer);
        var accumulators = new Dictionary<string, IReadOnlyList<NamedMetric>>(StringComparer.Ordinal);
        if (metrics)
        {
            foreach (var split in new[] { "train", "val" })
            {
                var m = new CountingMetric();
                owned.Add(m);
                accumulators[split] = [new NamedMetric("counting", m)];
            }
        }

        return new Trainer(
            new TrainingComponents
            {
                Model = model,
                Loss = new MSELoss(),
                Optimizer = optimizer,
                Metrics = accumulators,
                Callbacks = callback is null ? [] : [("test", callback)],
                Dataset = Metadata,
            },
            new TrainerOptions { Epochs = epochs, BatchSize = batchSize, Shuffle = shuffle },
            new TrainerEnvironment { Device = Device.Cpu, RunLog = log, RunId = "run-1", OutputDirectory = Path.GetTempPath(), Logger = NullLogger.Instance, Interrupt = interrupt });
    }

    private sealed class StopAtEpoch(int epoch) : ITrainingCallback
    {
        public void OnEpochEnd(ITrainerContext context)
        {
            if (context.Epoch == epoch)
            {
                context.RequestStop("enough");
            }
        }
    }

    private sealed class CancelAt(int epoch, int batch, CancellationTokenSource source) : ITrainingCallback
    {
        public void OnBatchEnd(ITrainerContext context)
        {
            if (context.Epoch == epoch && context.Batch == batch)
            {
                source.Cancel();
            }
        }
    }
}
