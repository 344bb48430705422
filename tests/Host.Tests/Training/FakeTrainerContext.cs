using Crucible.Abstractions;
using Crucible.Torch;
using Crucible.Torch.Nn;
using Crucible.Torch.Optim;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Crucible.Host.Tests.Training;

/// <summary>A trainer context with settable epoch and metrics, for callbacks tested without a model.</summary>
internal sealed class FakeTrainerContext : ITrainerContext
{
    public Module Model => throw new NotSupportedException("No model in this test.");

    public Optimizer Optimizer => throw new NotSupportedException("No optimizer in this test.");

    public IReadOnlyDictionary<string, Module> Models => new Dictionary<string, Module>();

    public IReadOnlyDictionary<string, Optimizer> Optimizers => new Dictionary<string, Optimizer>();

    public IReadOnlyDictionary<string, Loss> Losses => new Dictionary<string, Loss>();

    public LrSchedule? Schedule => null;

    public DatasetMetadata Dataset { get; } = new() { Name = "fake", FeatureShape = [1], TaskKind = TaskKind.Regression, OutputSize = 1 };

    public Device Device => Device.Cpu;

    public ILogger Logger => NullLogger.Instance;

    public string RunId => "fake-run";

    public int Epochs { get; set; } = 10;

    public int Epoch { get; set; }

    public int BatchesPerEpoch => 1;

    public int Batch { get; set; }

    public long GlobalStep => Epoch;

    public double? BatchLoss => null;

    public Dictionary<string, double> Values { get; } = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, double> Metrics => Values;

    public string OutputDirectory => Path.GetTempPath();

    public string? StopReason { get; private set; }

    public bool StopRequested => StopReason is not null;

    public List<string> Calls { get; } = [];

    public void RequestStop(string reason) => StopReason ??= reason;

    public void ClipGradients(string role) => Calls.Add($"clip {role}");

    public void LogMetric(string key, double value) => Calls.Add($"metric {key}");

    public void LogArtifact(string localPath, string? artifactPath = null) => Calls.Add($"artifact {localPath}");

    public int CompletedEpochs => Epoch;

    public void SaveCheckpoint(string directory) => Calls.Add($"checkpoint {directory}");
}
