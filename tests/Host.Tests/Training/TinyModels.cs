using Crucible.Abstractions;
using Crucible.Torch;
using Crucible.Torch.Nn;
using Crucible.Torch.Optim;

namespace Crucible.Host.Tests.Training;

/// <summary>y = x W + b, built from the tensor API alone, so the trainer is tested without the layer library.</summary>
internal sealed class TinyLinear : Module
{
    private readonly Tensor weight;
    private readonly Tensor bias;

    public TinyLinear(int inputs, int outputs)
    {
        weight = RegisterParameter("weight", torch.Randn([inputs, outputs]) * 0.5);
        bias = RegisterParameter("bias", torch.Zeros([outputs]));
    }

    public override Tensor Forward(Tensor input) => input.MatMul(weight) + bias;
}

/// <summary>p -= lr * grad: the smallest optimizer, for trainer tests.</summary>
internal sealed class PlainSgd : Optimizer
{
    public PlainSgd(IEnumerable<Tensor> parameters, double lr)
        : base([new ParamGroup(parameters)], lr)
    {
    }

    public override void Step()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.NoGrad();
        foreach (var group in ParamGroups)
        {
            foreach (var p in group.Parameters)
            {
                if (p.Grad is { } g)
                {
                    p.Sub_(g, group.LearningRate);
                }
            }
        }
    }
}

/// <summary>Counts the samples and sums the targets it sees, on the device, read back once in Compute.</summary>
internal sealed class CountingMetric : IMetricAccumulator
{
    private Tensor? sum;
    private long samples;

    public void Reset()
    {
        sum?.Dispose();
        sum = null;
        samples = 0;
    }

    public void Update(Tensor output, Tensor target)
    {
        var batchSum = target.Sum();
        var next = sum is null ? batchSum : sum + batchSum;
        sum?.Dispose();
        sum = next.DetachFromDisposeScope();
        samples += target.Shape[0];
    }

    public IReadOnlyDictionary<string, double> Compute() => new Dictionary<string, double>
    {
        ["samples"] = samples,
        ["target_sum"] = sum is null ? 0 : sum.To(ScalarType.Float64).Item<double>(),
    };

    public void Dispose() => sum?.Dispose();
}

/// <summary>Records what the trainer logs.</summary>
internal sealed class MemoryRunLog : Crucible.Host.Training.IRunLog
{
    public List<(string Key, double Value, long Step)> Metrics { get; } = [];

    public List<(string Path, string? ArtifactPath)> Artifacts { get; } = [];

    public void LogMetric(string key, double value, long step) => Metrics.Add((key, value, step));

    public void LogArtifact(string localPath, string? artifactPath = null) => Artifacts.Add((localPath, artifactPath));

    public double[] History(string key) => Metrics.Where(m => m.Key == key).OrderBy(m => m.Step).Select(m => m.Value).ToArray();
}
