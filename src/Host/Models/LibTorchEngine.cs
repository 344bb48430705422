using Crucible.Torch;
using Crucible.Torch.Nn;

namespace Crucible.Host.Models;

/// <summary>The trained module itself, in evaluation mode on the CPU, without gradients.</summary>
internal sealed class LibTorchEngine : IModelEngine
{
    private readonly Module module;
    private readonly IReadOnlyList<long> featureShape;
    private readonly bool tokens;

    public LibTorchEngine(Module module, IReadOnlyList<long> featureShape, bool tokens)
    {
        this.module = module;
        this.featureShape = featureShape;
        this.tokens = tokens;
        module.Eval();
    }

    public string Name => "libtorch";

    public float[] Forward(float[] scaled, int count)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.NoGrad();
        var x = torch.Tensor(scaled, [count, .. featureShape], Device.Cpu);
        if (tokens)
        {
            x = x.To(ScalarType.Int64);
        }

        return module.Forward(x).Detach().To(ScalarType.Float32).Reshape([count, -1]).Contiguous().ToArray<float>();
    }

    public void Dispose() => module.Dispose();
}
