using Crucible.Abstractions;
using Crucible.Host.Training;
using Crucible.Torch;
using Crucible.Torch.Nn;
using Microsoft.Extensions.Logging.Abstractions;

namespace Crucible.Host.Tests.Training;

/// <summary>training.accumulateGradBatches: k batches of b samples step like one batch of k*b.</summary>
[Collection(GlobalState.Name)]
public sealed class GradientAccumulationTests : IDisposable
{
    private static readonly DatasetMetadata Metadata = new() { Name = "plane", FeatureShape = [3], TaskKind = TaskKind.Regression, OutputSize = 2 };
    private readonly List<IDisposable> owned = [];

    public void Dispose()
    {
        foreach (var d in owned)
        {
            d.Dispose();
        }
    }

    [Theory]
    [InlineData(48)]
    [InlineData(50)] // the last group is one batch of 2 samples
    public void Accumulating_4_batches_of_4_ends_where_batches_of_16_end(int samples)
    {
        torch.ManualSeed(3);
        var data = Plane(samples);
        var (big, bigLog) = Train(data, batchSize: 16, accumulate: 1);
        var (small, smallLog) = Train(data, batchSize: 4, accumulate: 4);

        small.GlobalStep.Should().Be(big.GlobalStep, "the global step counts optimizer steps, not batches");
        foreach (var (name, expected) in big.Model.NamedParameters())
        {
            var actual = small.Model.NamedParameters().Single(p => p.Name == name).Parameter;
            var difference = (actual - expected).Abs().Max().Item<float>();
            difference.Should().BeLessThan(1e-6f, $"{name} must match the large batch");
        }

        smallLog.History("train_loss").Zip(bigLog.History("train_loss"), (a, b) => Math.Abs(a - b)).Should().OnlyContain(d => d < 1e-6);
    }

    private (Trainer Trainer, MemoryRunLog Log) Train(DataSplit data, int batchSize, int accumulate)
    {
        torch.ManualSeed(11);
        var model = new TinyLinear(3, 2);
        owned.Add(model);
        var optimizer = new PlainSgd(model.Parameters(), 0.05);
        owned.Add(optimizer);
        var log = new MemoryRunLog();
        var trainer = new Trainer(
            new TrainingComponents { Model = model, Loss = new MSELoss(), Optimizer = optimizer, Dataset = Metadata },
            new TrainerOptions { Epochs = 3, BatchSize = batchSize, AccumulateGradBatches = accumulate, Shuffle = true },
            new TrainerEnvironment { Device = Device.Cpu, RunLog = log, RunId = "run-1", OutputDirectory = Path.GetTempPath(), Logger = NullLogger.Instance });
        trainer.Fit(data, validation: null, transform: null);
        return (trainer, log);
    }

    private DataSplit Plane(int n)
    {
        var x = torch.Randn([n, 3]);
        var y = torch.Cat([x.Sum(1, keepDim: true) * 2.0, x.Narrow(1, 0, 1) - 1.0], 1);
        var split = new DataSplit(x.DetachFromDisposeScope(), y.DetachFromDisposeScope());
        owned.Add(split);
        return split;
    }
}
