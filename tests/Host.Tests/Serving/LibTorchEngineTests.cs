using Crucible.Host.Models;
using Crucible.Torch;
using Crucible.Torch.Nn;

namespace Crucible.Host.Tests.Serving;

/// <summary>
/// The libtorch engine runs a forward pass with its own thread count on whichever thread calls it:
/// the server calls it from its request threads, which never set one (libtorch's and OpenBLAS's
/// OpenMP count is per thread).
/// </summary>
[Collection(GlobalState.Name)]
public sealed class LibTorchEngineTests
{
    [Fact]
    public void A_forward_pass_on_another_thread_uses_the_engines_thread_count()
    {
        var before = torch.NumThreads;
        try
        {
            // The process's count is at least 2; the engine's is 1.
            torch.NumThreads = Math.Max(2, Environment.ProcessorCount);
            using var engine = new LibTorchEngine(new ThreadCountProbe(), [3], tokens: false, threads: 1);
            float[]? output = null;
            var worker = new Thread(() => output = engine.Forward([1, 2, 3, 4, 5, 6], 2));
            worker.Start();
            worker.Join();

            output.Should().Equal(1, 2, 3, 4, 5, 6);
            ThreadCountProbe.Seen.Should().Be(1, "the forward pass ran with the engine's thread count, not the count a fresh thread has");
        }
        finally
        {
            torch.NumThreads = before;
        }
    }

    /// <summary>Returns its input and remembers libtorch's thread count during the pass.</summary>
    private sealed class ThreadCountProbe : Module
    {
        public static int Seen { get; private set; }

        public override Tensor Forward(Tensor input)
        {
            Seen = torch.NumThreads;
            return input;
        }
    }
}
