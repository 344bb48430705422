using Crucible.Abstractions;
using Crucible.Host.Data;
using Crucible.Host.Tests.Training;
using Crucible.Host.Training;
using Crucible.Torch;
using Crucible.Torch.Nn;
using Microsoft.Extensions.Logging.Abstractions;

namespace Crucible.Host.Tests.Data;

/// <summary>The trainer on a split read lazily: the same batches, steps and records as on the same split in memory.</summary>
[Collection(GlobalState.Name)]
public sealed class StreamedTrainingTests : IDisposable
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

    [Theory]
    [InlineData(0, false)]
    [InlineData(2, false)]
    [InlineData(1, true)]
    public void A_streamed_split_records_what_the_same_split_in_memory_records(int workers, bool dropLast)
    {
        var (x, y) = Line(50);
        var inMemory = Train(SplitReader.InMemory("training", new DataSplit(torch.Tensor(x, [50, 1]), torch.Tensor(y, [50, 1])), owned: true), dropLast);
        var streamed = Train(SplitReader.Streaming("training", new ArraySource(x, y, 1, 1), SampleLayout.Of(Metadata), new LoaderOptions(workers, 2), Device.Cpu), dropLast);

        streamed.Log.History("train_loss").Should().Equal(inMemory.Log.History("train_loss"));
        streamed.Log.History("val_loss").Should().Equal(inMemory.Log.History("val_loss"));
        streamed.Trainer.GlobalStep.Should().Be(inMemory.Trainer.GlobalStep).And.Be(dropLast ? 3 * 6 : 3 * 7, "50 samples in batches of 8 make 7 batches, 6 without the short last one");
    }

    [Fact]
    public void A_worker_exception_fails_training_naming_the_file_and_the_sample()
    {
        var (x, y) = Line(50);
        var source = new ArraySource(x, y, 1, 1) { FailAt = 41 };

        var act = () => Train(SplitReader.Streaming("training", source, SampleLayout.Of(Metadata), new LoaderOptions(2, 2), Device.Cpu), dropLast: false);

        act.Should().Throw<DatasetException>().Which.Message.Should().Contain("sample 41 of the training split").And.Contain("'/data/shard-3.bin'");
    }

    private static (float[] X, float[] Y) Line(int n)
    {
        var x = Enumerable.Range(0, n).Select(i => (float)Math.Sin(i * 0.7)).ToArray();
        return (x, x.Select(v => (3 * v) + 0.5f).ToArray());
    }

    private (Trainer Trainer, MemoryRunLog Log) Train(SplitReader train, bool dropLast)
    {
        owned.Add(train);
        torch.ManualSeed(5);
        var model = new TinyLinear(1, 1);
        owned.Add(model);
        var optimizer = new PlainSgd(model.Parameters(), 0.05);
        owned.Add(optimizer);
        var log = new MemoryRunLog();
        var trainer = new Trainer(
            new TrainingComponents { Model = model, Loss = new MSELoss(), Optimizer = optimizer, Metrics = new Dictionary<string, IReadOnlyList<NamedMetric>>(StringComparer.Ordinal), Callbacks = [], Dataset = Metadata },
            new TrainerOptions { Epochs = 3, BatchSize = 8, DropLast = dropLast },
            new TrainerEnvironment { Device = Device.Cpu, RunLog = log, RunId = "run-1", OutputDirectory = Path.GetTempPath(), Logger = NullLogger.Instance });
        trainer.Fit(train, train, transform: null);
        return (trainer, log);
    }
}
