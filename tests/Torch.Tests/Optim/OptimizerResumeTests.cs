using Crucible.Torch.Optim;

namespace Crucible.Torch.Tests.Optim;

/// <summary>
/// Saving optimizer and scheduler state mid-training and restoring it into fresh objects continues
/// bit-identically: 10 steps, save, restore, 10 more steps equals 20 uninterrupted steps.
/// </summary>
public class OptimizerResumeTests
{
    [Theory]
    [MemberData(nameof(OptimizerParityTests.CaseNames), MemberType = typeof(OptimizerParityTests))]
    public void Restored_state_continues_bit_identically(string name)
    {
        var c = OptimizerParityTests.Cases.Value[name];

        double[][] uninterrupted;
        using (var problem = new OptimProblem(c))
        using (var optimizer = problem.Create())
        {
            var scheduler = new StepLR(optimizer, stepSize: 3, gamma: 0.7);
            for (var step = 0; step < 20; step++)
            {
                Advance(problem, optimizer, step);
                scheduler.Step();
            }

            uninterrupted = problem.Snapshot();
        }

        var path = Path.Combine(Path.GetTempPath(), $"crucible-optim-{Guid.NewGuid():N}.safetensors");
        try
        {
            using var problem = new OptimProblem(c);
            Crucible.Torch.Optim.StateDict schedulerState;
            using (var first = problem.Create())
            {
                var scheduler = new StepLR(first, stepSize: 3, gamma: 0.7);
                for (var step = 0; step < 10; step++)
                {
                    Advance(problem, first, step);
                    scheduler.Step();
                }

                first.SaveState(path);
                schedulerState = scheduler.StateDict();
            }

            using var resumed = problem.Create();
            var restored = new StepLR(resumed, stepSize: 3, gamma: 0.7);
            resumed.LoadState(path);
            restored.LoadStateDict(schedulerState);
            for (var step = 10; step < 20; step++)
            {
                Advance(problem, resumed, step);
                restored.Step();
            }

            var actual = problem.Snapshot();
            for (var i = 0; i < actual.Length; i++)
            {
                actual[i].Should().Equal(uninterrupted[i], $"parameter {i} of {name} must be bit-identical after resuming");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>One step: a training step, or for the sparse cases the recorded sparse gradients of that step.</summary>
    private static void Advance(OptimProblem problem, Optimizer optimizer, int step)
    {
        if (problem.Case.TryGetProperty("sparse_grads", out _))
        {
            problem.SetSparseGrads(step);
            optimizer.Step();
        }
        else
        {
            problem.TrainStep(optimizer);
        }
    }

    [Theory]
    [MemberData(nameof(SchedulerParityTests.CaseNames), MemberType = typeof(SchedulerParityTests))]
    public void A_scheduler_restored_from_its_state_dict_continues_its_schedule(string name)
    {
        var metrics = SchedulerParityTests.Metrics;
        var (optimizer, scheduler, parameters) = SchedulerCases.Create(name);
        var (freshOptimizer, fresh, freshParameters) = SchedulerCases.Create(name);
        using var o = optimizer;
        using var f = freshOptimizer;
        for (var step = 0; step < 40; step++)
        {
            SchedulerCases.StepOnce(scheduler, metrics, step);
        }

        // The optimizer's groups carry the rates (and cycled momenta) in force; the scheduler its
        // position, and a chained or sequential one its schedulers' positions too.
        using (var optimizerState = optimizer.StateDict())
        using (var schedulerState = scheduler.StateDict())
        {
            freshOptimizer.LoadStateDict(optimizerState);
            fresh.LoadStateDict(schedulerState);
        }

        for (var step = 40; step < 80; step++)
        {
            SchedulerCases.StepOnce(scheduler, metrics, step);
            SchedulerCases.StepOnce(fresh, metrics, step);
            freshOptimizer.ParamGroups.Select(g => g.LearningRate).Should().Equal(optimizer.ParamGroups.Select(g => g.LearningRate), $"{name}, step {step}");
            SchedulerCases.Momenta(freshOptimizer).Should().Equal(SchedulerCases.Momenta(optimizer), $"{name}, step {step}");
        }

        foreach (var p in parameters.Concat(freshParameters))
        {
            p.Dispose();
        }
    }
}
