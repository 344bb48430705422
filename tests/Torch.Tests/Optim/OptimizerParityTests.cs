using System.Text.Json;
using Crucible.Torch.Tests.Parity;

namespace Crucible.Torch.Tests.Optim;

/// <summary>Every optimizer, 20 steps on a fixed problem with two parameter groups, against PyTorch 1.13.</summary>
public class OptimizerParityTests
{
    internal static readonly Lazy<Dictionary<string, JsonElement>> Cases = new(() =>
        ParityJson.Load("optim_reference.json").GetProperty("cases").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!));

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in Cases.Value.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Follows_PyTorchs_trajectory_step_by_step(string name)
    {
        var c = Cases.Value[name];
        using var problem = new OptimProblem(c);
        using var optimizer = problem.Create();
        var rtol = ParityJson.Tolerance(problem.DType);
        var trajectory = c.GetProperty("trajectory").EnumerateArray().ToArray();
        var sparse = c.TryGetProperty("sparse_grads", out _);
        for (var step = 0; step < trajectory.Length; step++)
        {
            if (sparse)
            {
                problem.SetSparseGrads(step);
                optimizer.Step();
            }
            else
            {
                var loss = problem.TrainStep(optimizer);
                var expectedLoss = c.GetProperty("losses")[step].GetDouble();
                ParityJson.AssertClose([loss], [expectedLoss], rtol, $"{name} loss at step {step + 1}");
            }

            var expected = trajectory[step].EnumerateArray().ToArray();
            for (var i = 0; i < problem.Parameters.Length; i++)
            {
                var want = expected[i].EnumerateArray().Select(e => e.GetDouble()).ToArray();
                ParityJson.AssertClose(ParityJson.Read(problem.Parameters[i]), want, rtol, $"{name} parameter {i} after step {step + 1}");
            }
        }
    }
}
