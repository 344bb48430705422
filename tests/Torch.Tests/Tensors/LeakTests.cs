using System.Diagnostics;
using Xunit.Abstractions;

namespace Crucible.Torch.Tests.Tensors;

[Collection(GlobalState.Name)]
public class LeakTests(ITestOutputHelper output)
{
    private const int WarmUpSteps = 2_000;
    private const int Steps = 20_000;
    private const long MaxGrowthBytes = 20L * 1024 * 1024;

    [Fact]
    public void Twenty_thousand_training_steps_in_dispose_scopes_do_not_grow_resident_memory()
    {
        torch.ManualSeed(5);
        using var w1 = (torch.Randn([16, 32]) * 0.1).DetachFromDisposeScope().RequiresGrad_();
        using var b1 = torch.Zeros([32], requiresGrad: true);
        using var w2 = (torch.Randn([32, 4]) * 0.1).DetachFromDisposeScope().RequiresGrad_();
        using var b2 = torch.Zeros([4], requiresGrad: true);
        Tensor[] parameters = [w1, b1, w2, b2];
        using var x = torch.Randn([8, 16]);
        using var y = torch.Randn([8, 4]);

        void Step()
        {
            using var scope = torch.NewDisposeScope();
            var hidden = (x.MatMul(w1) + b1).Relu();
            var loss = (hidden.MatMul(w2) + b2 - y).Pow(2).Mean();
            loss.Backward();
            using var noGrad = torch.NoGrad();
            foreach (var p in parameters)
            {
                p.Sub_(p.Grad!, alpha: 0.01);
                p.Grad = null;
            }
        }

        for (var i = 0; i < WarmUpSteps; i++)
        {
            Step();
        }

        var before = Rss();
        var first = Loss();
        for (var i = 0; i < Steps; i++)
        {
            Step();
        }

        var after = Rss();
        var growth = after - before;
        output.WriteLine($"RSS after {WarmUpSteps} warm-up steps: {before / 1048576.0:F1} MiB; after {Steps} more: {after / 1048576.0:F1} MiB; growth {growth / 1048576.0:F2} MiB (limit 20 MiB).");
        Console.WriteLine($"[leak test] RSS growth over {Steps} steps: {growth / 1048576.0:F2} MiB");
        growth.Should().BeLessThan(MaxGrowthBytes);
        Loss().Should().BeLessThan(first, "the steps really trained the model");

        float Loss()
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.NoGrad();
            return ((x.MatMul(w1) + b1).Relu().MatMul(w2) + b2 - y).Pow(2).Mean().Item<float>();
        }
    }

    private static long Rss()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }
}
