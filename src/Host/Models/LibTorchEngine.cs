using Crucible.Torch;
using Crucible.Torch.Nn;

namespace Crucible.Host.Models;

/// <summary>
/// The trained module itself, in evaluation mode on the CPU, without gradients, with
/// <see cref="Threads"/> compute threads on whichever thread calls <see cref="Forward"/>: libtorch's
/// and OpenBLAS's OpenMP thread count is per calling thread, and a thread that never set it (the
/// server runs passes on its request threads) would use one per core, whose spinning workers wait for
/// a core the serving threads need (serve's libtorch engine answered 80 requests/s at 8 clients instead of 4,000).
/// </summary>
internal sealed class LibTorchEngine : IModelEngine
{
    [ThreadStatic]
    private static int threadsOfThisThread;

    private readonly Module module;
    private readonly IReadOnlyList<long> featureShape;
    private readonly bool tokens;

    public LibTorchEngine(Module module, IReadOnlyList<long> featureShape, bool tokens, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        this.module = module;
        this.featureShape = featureShape;
        this.tokens = tokens;
        Threads = threads;
        module.Eval();
    }

    /// <summary>The compute threads of one forward pass.</summary>
    public int Threads { get; }

    public string Name => "libtorch";

    public float[] Forward(float[] scaled, int count)
    {
        if (threadsOfThisThread != Threads)
        {
            torch.NumThreads = Threads;
            threadsOfThisThread = Threads;
        }

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
