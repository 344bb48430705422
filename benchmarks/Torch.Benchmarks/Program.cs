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

static void Report(string name, double value, string unit) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} {value:F2} {unit}"));
