using System.Diagnostics;
using System.Globalization;
using Crucible.Torch;
using Crucible.Torch.Nn;
using Crucible.Torch.Optim;

// Per-op overhead and one MLP training step of the binding, printed as "name value unit" lines
// that benchmarks/run-torch.sh sets beside the same measurements in PyTorch (torch_peer.py).
var threads = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1;
torch.NumThreads = threads;
torch.ManualSeed(0);

// Per-op overhead: adding two one-element tensors, the result freed by a dispose scope, as a
// training step frees its intermediates.
using var a = torch.Ones([1]);
using var b = torch.Ones([1]);
const int OpIterations = 1_000_000;
for (var i = 0; i < 10_000; i++)
{
    using var warm = torch.NewDisposeScope();
    _ = a + b;
}

var clock = Stopwatch.StartNew();
for (var i = 0; i < OpIterations; i += 100)
{
    using var scope = torch.NewDisposeScope();
    for (var j = 0; j < 100; j++)
    {
        _ = a + b;
    }
}

Report("add_1elem_ns", clock.Elapsed.TotalNanoseconds / OpIterations, "ns");

// One training step of a 784-512-10 MLP, batch 64: forward, cross-entropy, backward, SGD.
using var model = new Sequential(new Linear(784, 512), new ReLU(), new Linear(512, 10));
using var optimizer = new SGD(model.Parameters(), lr: 0.01);
var loss = new CrossEntropyLoss();
using var x = torch.Randn([64, 784]);
using var y = torch.RandInt(10, [64]);
void Step()
{
    using var scope = torch.NewDisposeScope();
    optimizer.ZeroGrad();
    var l = loss.Forward(model.Forward(x), y);
    l.Backward();
    optimizer.Step();
}

for (var i = 0; i < 50; i++)
{
    Step();
}

const int Steps = 500;
clock.Restart();
for (var i = 0; i < Steps; i++)
{
    Step();
}

Report("mlp_step_us", clock.Elapsed.TotalMicroseconds / Steps, "us");

// The optimizer step alone, on the parameters of shipped experiments with gradients in place: Adam
// over mnist-mlp's 784-512-10 network and over mnist-cnn's network, SGD (plain and with momentum 0.9)
// over xor's 2-2-1 network; a per-step cost that the optimizers' implementation decides (fused native
// steps before, C# over tensor ops now). Measured as the process's CPU time per step, which a loaded
// machine disturbs far less than wall time, after a second of steps: the runtime has then compiled
// the step's code at its final tier, and the background compilation is not counted as steps.
Report("adam_step_mlp_cpu_us", OptimizerStep(new Sequential(new Linear(784, 512), new ReLU(), new Linear(512, 10)), p => new Adam(p, lr: 0.001), [64, 784], 2_000), "us");
Report("adam_step_cnn_cpu_us", OptimizerStep(Cnn(), p => new Adam(p, lr: 0.001), [64, 1, 28, 28], 3_000), "us");
Report("sgd_step_xor_cpu_us", OptimizerStep(Xor(), p => new SGD(p, lr: 0.1), [1, 2], 300_000), "us");
Report("sgd_momentum_step_xor_cpu_us", OptimizerStep(Xor(), p => new SGD(p, lr: 0.1, momentum: 0.9), [1, 2], 100_000), "us");

// One whole training step of xor's 2-2-1 network on one sample, as the xor experiment takes 12,000
// of them: zero the gradients, forward, MSE, backward, SGD, the loss read back. Tiny tensors, so
// this is the binding's per-call overhead against PyTorch's, in process CPU time.
Report("xor_train_step_cpu_us", XorTrainStep(200_000), "us");

static double XorTrainStep(int steps)
{
    using var model = Xor();
    using var optimizer = new SGD(model.Parameters(), lr: 0.1);
    var mse = new MSELoss();
    using var x = torch.Tensor(new float[] { 0, 1 }, [1, 2]);
    using var y = torch.Tensor(new float[] { 1 }, [1, 1]);
    var total = 0.0;
    void Step()
    {
        using var scope = torch.NewDisposeScope();
        optimizer.ZeroGrad();
        var loss = mse.Forward(model.Forward(x), y);
        loss.Backward();
        optimizer.Step();
        total += loss.Item<float>();
    }

    var warmUp = Stopwatch.StartNew();
    while (warmUp.Elapsed < TimeSpan.FromSeconds(1))
    {
        Step();
    }

    var start = Process.GetCurrentProcess().TotalProcessorTime;
    for (var i = 0; i < steps; i++)
    {
        Step();
    }

    return (Process.GetCurrentProcess().TotalProcessorTime - start).TotalMicroseconds / steps;
}

static Sequential Xor() => new(new Linear(2, 2), new Sigmoid(), new Linear(2, 1), new Sigmoid());

// mnist-cnn's network as the cnn plugin builds it (dropout left out: it has no parameters).
static Sequential Cnn() => new(
    new Conv2d(1, 16, 3, padding: 1), new ReLU(), new MaxPool2d(2),
    new Conv2d(16, 32, 3, padding: 1), new ReLU(), new MaxPool2d(2),
    new Flatten(), new Linear(32 * 7 * 7, 128), new ReLU(), new Linear(128, 10));

static double OptimizerStep(Sequential network, Func<IEnumerable<Tensor>, Optimizer> create, long[] input, int steps)
{
    using var model = network;
    using var optimizer = create(model.Parameters());
    using (var scope = torch.NewDisposeScope())
    {
        model.Forward(torch.Randn(input)).Sum().Backward();
    }

    var warmUp = Stopwatch.StartNew();
    while (warmUp.Elapsed < TimeSpan.FromSeconds(1))
    {
        optimizer.Step();
    }

    var start = Process.GetCurrentProcess().TotalProcessorTime;
    for (var i = 0; i < steps; i++)
    {
        optimizer.Step();
    }

    return (Process.GetCurrentProcess().TotalProcessorTime - start).TotalMicroseconds / steps;
}

static void Report(string name, double value, string unit) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} {value:F2} {unit}"));
