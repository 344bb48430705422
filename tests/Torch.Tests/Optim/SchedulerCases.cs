using Crucible.Torch.Optim;

namespace Crucible.Torch.Tests.Optim;

/// <summary>The schedulers of sched_reference.py, built the same way: two groups at lr 0.1 and 0.05.</summary>
internal static class SchedulerCases
{
    public static (Optimizer Optimizer, LRScheduler Scheduler, Tensor[] Parameters) Create(string name)
    {
        var parameters = new[] { torch.Zeros([2], requiresGrad: true), torch.Zeros([3], requiresGrad: true) };
        var groups = new[] { new ParamGroup(parameters[..1]), new ParamGroup(parameters[1..], 0.05) };
        Optimizer o = name == "onecycle_adam" ? new Adam(groups, lr: 0.1) : new SGD(groups, lr: 0.1, momentum: 0.9);
        LRScheduler s = name switch
        {
            "lambda" => new LambdaLR(o, [e => Math.Pow(0.95, e), e => 1.0 / (1.0 + (0.1 * e))]),
            "lambda_single" => new LambdaLR(o, e => Math.Pow(0.9, e / 3)),
            "multiplicative" => new MultiplicativeLR(o, _ => 0.97),
            "step" => new StepLR(o, stepSize: 7, gamma: 0.5),
            "multistep" => new MultiStepLR(o, [10, 25, 25, 60], gamma: 0.3),
            "constant" => new ConstantLR(o, factor: 0.25, totalIters: 12),
            "linear" => new LinearLR(o, startFactor: 0.2, endFactor: 0.9, totalIters: 30),
            "exponential" => new ExponentialLR(o, gamma: 0.97),
            "polynomial" => new PolynomialLR(o, totalIters: 40, power: 2.0),
            "cosine" => new CosineAnnealingLR(o, tMax: 30, etaMin: 0.001),
            "warm_restarts" => new CosineAnnealingWarmRestarts(o, t0: 10, tMult: 2, etaMin: 0.001),
            "warm_restarts_mult1" => new CosineAnnealingWarmRestarts(o, t0: 15),
            "cyclic_triangular" => new CyclicLR(o, [0.01, 0.02], [0.1, 0.2], stepSizeUp: 10, stepSizeDown: 5),
            "cyclic_triangular2" => new CyclicLR(o, [0.01], [0.1], stepSizeUp: 8, mode: CyclicMode.Triangular2, baseMomentum: [0.7], maxMomentum: [0.95]),
            "cyclic_exp_range" => new CyclicLR(o, [0.01], [0.1, 0.3], stepSizeUp: 6, mode: CyclicMode.ExpRange, gamma: 0.98, cycleMomentum: false),
            "onecycle_cos" => new OneCycleLR(o, [0.5, 0.3], totalSteps: 100),
            "onecycle_linear_three_phase" => new OneCycleLR(o, [0.4], epochs: 10, stepsPerEpoch: 10, annealStrategy: AnnealStrategy.Linear, threePhase: true, pctStart: 0.25),
            "onecycle_adam" => new OneCycleLR(o, [0.01], totalSteps: 100, divFactor: 10.0, finalDivFactor: 100.0),
            "plateau_min" => new ReduceLROnPlateau(o, factor: 0.5, patience: 3, threshold: 0.01, cooldown: 2, minLr: [0.001, 0.0005]),
            "plateau_max_abs" => new ReduceLROnPlateau(o, PlateauMode.Max, factor: 0.7, patience: 2, threshold: 0.001, thresholdMode: ThresholdMode.Abs),
            "sequential" => new SequentialLR(o, [new LinearLR(o, startFactor: 0.1, totalIters: 5), new ExponentialLR(o, 0.9), new CosineAnnealingLR(o, 20)], [5, 40]),
            "sequential_restarts" => new SequentialLR(o, [new ConstantLR(o, factor: 0.5, totalIters: 3), new CosineAnnealingWarmRestarts(o, t0: 7, tMult: 2)], [10]),
            "chained" => new ChainedScheduler([new ConstantLR(o, factor: 0.5, totalIters: 8), new ExponentialLR(o, 0.95)]),
            _ => throw new InvalidOperationException($"Unknown scheduler case {name}."),
        };
        return (o, s, parameters);
    }

    public static double[] Momenta(Optimizer optimizer) =>
        optimizer.ParamGroups.Select(g => g.Options.TryGetValue("beta1", out var b) ? b : g.Option("momentum")).ToArray();

    public static void StepOnce(LRScheduler scheduler, IReadOnlyList<double> metrics, int step)
    {
        if (scheduler is ReduceLROnPlateau plateau)
        {
            plateau.Step(metrics[step]);
        }
        else
        {
            scheduler.Step();
        }
    }
}
