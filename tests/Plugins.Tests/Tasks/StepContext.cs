using Crucible.Abstractions;
using Crucible.Torch;
using Crucible.Torch.Nn;
using Crucible.Torch.Optim;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Crucible.Plugins.Tests.Tasks;

/// <summary>What a task step sees of the trainer: the models, optimizers and losses by role; clipping is off.</summary>
internal sealed class StepContext : ITrainerContext
{
    public required Dictionary<string, Module> ModelsByRole { get; init; }

    public Dictionary<string, Optimizer> OptimizersByRole { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, Loss> LossesByRole { get; init; } = new(StringComparer.Ordinal);

    public required string Primary { get; init; }

    public Module Model => ModelsByRole[Primary];

    public Optimizer Optimizer => OptimizersByRole[Primary];

    public IReadOnlyDictionary<string, Module> Models => ModelsByRole;

    public IReadOnlyDictionary<string, Optimizer> Optimizers => OptimizersByRole;

    public IReadOnlyDictionary<string, Loss> Losses => LossesByRole;

    public LrSchedule? Schedule => null;

    public DatasetMetadata Dataset { get; } = new() { Name = "parity", FeatureShape = [1, 4, 4], TaskKind = TaskKind.Regression, OutputSize = 16 };

    public Device Device => Device.Cpu;

    public ILogger Logger => NullLogger.Instance;

    public string RunId => "parity";

    public int Epochs => 1;

    public int Epoch => 1;

    public int BatchesPerEpoch => 1;

    public int Batch => 1;

    public long GlobalStep => 0;

    public double? BatchLoss => null;

    public IReadOnlyDictionary<string, double> Metrics { get; } = new Dictionary<string, double>();

    public string OutputDirectory => Path.GetTempPath();

    public bool StopRequested => false;

    public int CompletedEpochs => 0;

    public void ClipGradients(string role)
    {
    }

    public void RequestStop(string reason)
    {
    }

    public void LogMetric(string key, double value)
    {
    }

    public void LogArtifact(string localPath, string? artifactPath = null)
    {
    }

    public void SaveCheckpoint(string directory)
    {
    }
}
