using System.Text.Json;
using Crucible.Torch.Tests.Parity;

namespace Crucible.Torch.Tests.Optim;

/// <summary>Every scheduler, 100 steps, two parameter groups: learning rates (and cycled momenta) against PyTorch 1.13.</summary>
public class SchedulerParityTests
{
    internal static readonly Lazy<JsonElement> Reference = new(() => ParityJson.Load("sched_reference.json"));

    internal static double[] Metrics => Reference.Value.GetProperty("metrics").EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in Reference.Value.GetProperty("cases").EnumerateArray())
        {
            data.Add(c.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Follows_PyTorchs_schedule_for_100_steps(string name)
    {
        var c = Reference.Value.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        var lrs = c.GetProperty("lrs").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        var momenta = c.GetProperty("momenta").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        var metrics = Metrics;
        var (optimizer, scheduler, parameters) = SchedulerCases.Create(name);
        using var o = optimizer;
        for (var step = 0; step < lrs.Length; step++)
        {
            if (step > 0)
            {
                SchedulerCases.StepOnce(scheduler, metrics, step - 1);
            }

            var actual = optimizer.ParamGroups.Select(g => g.LearningRate).ToArray();
            ParityJson.AssertClose(actual, lrs[step], 1e-10, $"{name} lr after step {step}");
            ParityJson.AssertClose(SchedulerCases.Momenta(optimizer), momenta[step], 1e-10, $"{name} momentum after step {step}");
            if (step > 0)
            {
                scheduler.GetLastLr().Should().Equal(actual, "get_last_lr() reports the rates just set");
            }
        }

        foreach (var p in parameters)
        {
            p.Dispose();
        }
    }
}
