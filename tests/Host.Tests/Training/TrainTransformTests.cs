using Crucible.Abstractions;
using Crucible.Host.Training;
using Crucible.Torch;
using Crucible.Torch.Nn;
using Microsoft.Extensions.Logging.Abstractions;

namespace Crucible.Host.Tests.Training;

/// <summary>The dataset's training transform (augmentation) reaches training batches only.</summary>
[Collection(GlobalState.Name)]
public sealed class TrainTransformTests : IDisposable
{
    private const double Marker = 1000;
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
    public void Training_batches_are_transformed_and_validation_and_test_batches_are_not()
    {
        torch.ManualSeed(8);
        var train = Split(23);
        var validation = Split(9);
        var test = Split(7);
        var model = new InputRecorder();
        var transform = new AddMarker();
        var trainer = Build(model, epochs: 2, batchSize: 5);

        trainer.Fit(train, validation, transform);
        trainer.Test(test);

        transform.Calls.Should().Be(2 * 5, "23 samples in batches of 5 make 5 training batches per epoch");
        var training = model.Seen.Where(s => s.Training).ToList();
        var evaluation = model.Seen.Where(s => !s.Training).ToList();
        training.Should().HaveCount(10).And.OnlyContain(s => s.Min >= Marker, "every training batch went through the transform");
        evaluation.Should().NotBeEmpty().And.OnlyContain(s => s.Max < Marker, "validation and test batches are never transformed");
        evaluation.Sum(s => s.Count).Should().Be((2 * 9) + 7);
    }

    private DataSplit Split(int n)
    {
        // Features in [0, 1), far below the marker the transform adds.
        var split = new DataSplit(torch.Rand([n, 1]).DetachFromDisposeScope(), torch.Rand([n, 1]).DetachFromDisposeScope());
        owned.Add(split);
        return split;
    }

    private Trainer Build(Module model, int epochs, int batchSize)
    {
        owned.Add(model);
        // lr 0: the marked inputs are large, and only what the model is given matters here.
        var optimizer = new PlainSgd(model.Parameters(), 0.0);
        owned.Add(optimizer);
        return new Trainer(
            new TrainingComponents { Model = model, Loss = new MSELoss(), Optimizer = optimizer, Dataset = Metadata },
            new TrainerOptions { Epochs = epochs, BatchSize = batchSize, Shuffle = true },
            new TrainerEnvironment { Device = Device.Cpu, RunLog = new MemoryRunLog(), RunId = "run-1", OutputDirectory = Path.GetTempPath(), Logger = NullLogger.Instance });
    }

    private sealed class AddMarker : IBatchTransform
    {
        public int Calls { get; private set; }

        public Tensor Apply(Tensor features)
        {
            Calls++;
            return features + Marker;
        }
    }

    /// <summary>A linear model that notes the mode and the range of every batch it is given.</summary>
    private sealed class InputRecorder : Module
    {
        private readonly Tensor weight;

        public InputRecorder()
        {
            weight = RegisterParameter("weight", torch.Zeros([1, 1]));
        }

        public List<(bool Training, double Min, double Max, long Count)> Seen { get; } = [];

        public override Tensor Forward(Tensor input)
        {
            Seen.Add((Training, input.Min().To(ScalarType.Float64).Item<double>(), input.Max().To(ScalarType.Float64).Item<double>(), input.Shape[0]));
            return input.MatMul(weight);
        }
    }
}
