using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Crucible.Abstractions;
using Crucible.Plugins.Training.Schedulers;
using Crucible.Torch;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Tests.Training;

/// <summary>
/// Each scheduler plugin against the binding's scheduler built directly with the same arguments:
/// the learning rates (and momenta) over many steps must be the same, so an option the plugin drops
/// or passes to the wrong argument shows as a different sequence.
/// </summary>
public class SchedulerPluginTests
{
    private const int Steps = 24;

    /// <summary>name -> (plugin, options, the same scheduler built directly, the run's epochs and batches per epoch).</summary>
    private static readonly Dictionary<string, (ILrScheduler Plugin, object Options, Func<Optimizer, LRScheduler> Direct)> Cases = new()
    {
        ["step"] = (new StepLrScheduler(), new StepLrOptions { StepSize = 3, Gamma = 0.5 }, o => new StepLR(o, 3, 0.5)),
        ["multi-step"] = (new MultiStepLrScheduler(), new MultiStepLrOptions { Milestones = [2, 5, 5, 11], Gamma = 0.3 }, o => new MultiStepLR(o, [2, 5, 5, 11], 0.3)),
        ["exponential"] = (new ExponentialLrScheduler(), new ExponentialLrOptions { Gamma = 0.8 }, o => new ExponentialLR(o, 0.8)),
        ["multiplicative"] = (new MultiplicativeLrScheduler(), new MultiplicativeLrOptions { Factor = 0.9 }, o => new MultiplicativeLR(o, _ => 0.9)),
        ["constant"] = (new ConstantLrScheduler(), new ConstantLrOptions { Factor = 0.5, TotalIters = 4 }, o => new ConstantLR(o, 0.5, 4)),
        ["linear"] = (new LinearLrScheduler(), new LinearLrOptions { StartFactor = 0.2, EndFactor = 0.9, TotalIters = 6 }, o => new LinearLR(o, 0.2, 0.9, 6)),
        ["polynomial"] = (new PolynomialLrScheduler(), new PolynomialLrOptions { TotalIters = 8, Power = 2.0 }, o => new PolynomialLR(o, 8, 2.0)),
        ["cosine"] = (new CosineAnnealingScheduler(), new CosineAnnealingOptions { TMax = 7, EtaMin = 0.01 }, o => new CosineAnnealingLR(o, 7, 0.01)),
        ["cosine-whole-run"] = (new CosineAnnealingScheduler(), new CosineAnnealingOptions { EtaMin = 0.001 }, o => new CosineAnnealingLR(o, Epochs, 0.001)),
        ["cosine-whole-run-per-batch"] = (new CosineAnnealingScheduler(), new CosineAnnealingOptions { Interval = SchedulerInterval.Batch }, o => new CosineAnnealingLR(o, Epochs * StepsPerEpoch)),
        ["cosine-warm-restarts"] = (new CosineWarmRestartsScheduler(), new CosineWarmRestartsOptions { T0 = 3, TMult = 2, EtaMin = 0.001 }, o => new CosineAnnealingWarmRestarts(o, 3, 2, 0.001)),
        ["cyclic"] = (new CyclicLrScheduler(), new CyclicLrOptions { BaseLr = 0.01, MaxLr = 0.2, StepSizeUp = 4, StepSizeDown = 2, Mode = CyclicMode.Triangular2, BaseMomentum = 0.7, MaxMomentum = 0.95 },
            o => new CyclicLR(o, [0.01], [0.2], 4, 2, CyclicMode.Triangular2, baseMomentum: [0.7], maxMomentum: [0.95])),
        ["cyclic-exp-range"] = (new CyclicLrScheduler(), new CyclicLrOptions { MaxLr = 0.3, StepSizeUp = 5, Mode = CyclicMode.ExpRange, Gamma = 0.9, CycleMomentum = false },
            o => new CyclicLR(o, [0.1], [0.3], 5, mode: CyclicMode.ExpRange, gamma: 0.9, cycleMomentum: false)),
        ["one-cycle"] = (new OneCycleScheduler(), new OneCycleOptions { MaxLr = 0.5, PctStart = 0.25, AnnealStrategy = AnnealStrategy.Linear, BaseMomentum = 0.8, MaxMomentum = 0.9, DivFactor = 10, FinalDivFactor = 100 },
            o => new OneCycleLR(o, [0.5], epochs: Epochs, stepsPerEpoch: StepsPerEpoch, pctStart: 0.25, annealStrategy: AnnealStrategy.Linear, baseMomentum: [0.8], maxMomentum: [0.9], divFactor: 10, finalDivFactor: 100)),
        ["one-cycle-three-phase"] = (new OneCycleScheduler(), new OneCycleOptions { TotalSteps = Steps, ThreePhase = true },
            o => new OneCycleLR(o, [0.1], totalSteps: Steps, threePhase: true)),
        ["sequential"] = (new SequentialScheduler(),
            new SequentialOptions
            {
                Schedulers = [Spec("linear", ("startFactor", 0.1), ("totalIters", 5)), Spec("exponential", ("gamma", 0.9)), Spec("cosine", ("tMax", 6))],
                Milestones = [5, 12],
            },
            o => new SequentialLR(o, [new LinearLR(o, 0.1, totalIters: 5), new ExponentialLR(o, 0.9), new CosineAnnealingLR(o, 6)], [5, 12])),
        ["chained-by-name"] = (new ChainedSchedulerPlugin(), new ChainedOptions { Schedulers = ["constant", Spec("exponential", ("gamma", 0.9))] },
            o => new ChainedScheduler([new ConstantLR(o), new ExponentialLR(o, 0.9)])),
        ["chained"] = (new ChainedSchedulerPlugin(),
            new ChainedOptions { Schedulers = [Spec("constant", ("factor", 0.5), ("totalIters", 8)), Spec("exponential", ("gamma", 0.95))] },
            o => new ChainedScheduler([new ConstantLR(o, 0.5, 8), new ExponentialLR(o, 0.95)])),
    };

    private const int Epochs = 4;
    private const int StepsPerEpoch = 6;

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void A_scheduler_plugin_gives_the_learning_rates_of_the_binding_scheduler_built_directly(string name)
    {
        var (plugin, options, direct) = Cases[name];
        using var viaPluginOptimizer = NewOptimizer();
        using var directOptimizer = NewOptimizer();
        var schedule = plugin.Create(options, Context(viaPluginOptimizer));
        var expected = direct(directOptimizer);

        schedule.Scheduler.GetType().Should().Be(expected.GetType());
        var actual = Trace(schedule.Scheduler, viaPluginOptimizer);
        var reference = Trace(expected, directOptimizer);
        actual.Should().Equal(reference, $"'{name}' must pass every option to the binding scheduler");
        actual.Select(p => p.Lr).Distinct().Should().HaveCountGreaterThan(1, "the case must actually move the rate to test anything");
    }

    [Fact]
    public void Every_scheduler_plugin_of_the_assembly_has_a_case()
    {
        var names = typeof(StepLrScheduler).Assembly.GetTypes()
            .Where(t => typeof(ILrScheduler).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => t.GetCustomAttributes(typeof(PluginAttribute), false).Cast<PluginAttribute>().Single().Name);
        var covered = Cases.Keys.Append("reduce-on-plateau");
        names.Should().BeSubsetOf(covered);
        names.Should().Contain(["step", "multi-step", "exponential", "multiplicative", "constant", "linear", "polynomial", "cosine", "cosine-warm-restarts",
            "cyclic", "one-cycle", "reduce-on-plateau", "sequential", "chained"]);
    }

    [Fact]
    public void Per_batch_schedules_default_to_the_batch_interval_and_the_others_to_the_epoch()
    {
        using var optimizer = NewOptimizer();
        new CyclicLrScheduler().Create(new CyclicLrOptions { MaxLr = 1 }, Context(optimizer)).Interval.Should().Be(SchedulerInterval.Batch);
        new OneCycleScheduler().Create(new OneCycleOptions(), Context(optimizer)).Interval.Should().Be(SchedulerInterval.Batch);
        new StepLrScheduler().Create(new StepLrOptions(), Context(optimizer)).Interval.Should().Be(SchedulerInterval.Epoch);
        new StepLrScheduler().Create(new StepLrOptions { Interval = SchedulerInterval.Batch }, Context(optimizer)).Interval.Should().Be(SchedulerInterval.Batch);
        new CosineAnnealingScheduler().Create(new CosineAnnealingOptions(), Context(optimizer)).Monitor.Should().BeNull();
    }

    [Fact]
    public void One_cycle_spans_steps_per_epoch_times_epochs()
    {
        using var optimizer = NewOptimizer();
        var schedule = new OneCycleScheduler().Create(new OneCycleOptions { MaxLr = 0.4, DivFactor = 4, FinalDivFactor = 10 }, Context(optimizer, epochs: 3, stepsPerEpoch: 7));

        for (var i = 0; i < 20; i++)
        {
            schedule.Scheduler.Step();
        }

        // As in PyTorch, step total-1 reaches maxLr / divFactor / finalDivFactor; the trainer's
        // 21st step (after the last batch) is accepted and one more is refused.
        optimizer.ParamGroups[0].LearningRate.Should().BeApproximately(0.4 / 4 / 10, 1e-12);
        schedule.Scheduler.Step();
        schedule.Scheduler.Invoking(s => s.Step()).Should().Throw<InvalidOperationException>().WithMessage("*total steps is 21*");
    }

    [Fact]
    public void One_cycle_on_the_epoch_interval_spans_the_epochs()
    {
        using var optimizer = NewOptimizer();
        var schedule = new OneCycleScheduler().Create(new OneCycleOptions { Interval = SchedulerInterval.Epoch }, Context(optimizer, epochs: 5, stepsPerEpoch: 7));
        for (var i = 0; i < 5; i++)
        {
            schedule.Scheduler.Step();
        }

        schedule.Scheduler.Invoking(s => s.Step()).Should().Throw<InvalidOperationException>().WithMessage("*total steps is 5*");
    }

    [Fact]
    public void Cycling_momentum_on_an_optimizer_without_momentum_says_what_to_change()
    {
        using var adagrad = new Adagrad([torch.Zeros([3], requiresGrad: true)], lr: 0.1);
        using var adam = new Adam([torch.Zeros([3], requiresGrad: true)], lr: 0.1);

        new CyclicLrScheduler().Invoking(p => p.Create(new CyclicLrOptions { MaxLr = 1 }, Context(adam)))
            .Should().Throw<ExperimentConfigException>().WithMessage("*cycleMomentum: false*");
        new OneCycleScheduler().Invoking(p => p.Create(new OneCycleOptions(), Context(adagrad)))
            .Should().Throw<ExperimentConfigException>().WithMessage("*cycleMomentum: false*");
        new CyclicLrScheduler().Create(new CyclicLrOptions { MaxLr = 1, CycleMomentum = false }, Context(adam)).Scheduler.Should().BeOfType<CyclicLR>();
        new OneCycleScheduler().Create(new OneCycleOptions(), Context(adam)).Scheduler.Should().BeOfType<OneCycleLR>("Adam's beta1 is cycled");
    }

    [Fact]
    public void Reduce_on_plateau_watches_its_monitor_and_steps_with_the_metric()
    {
        using var optimizer = NewOptimizer();
        using var directOptimizer = NewOptimizer();
        var options = new ReduceOnPlateauOptions { Monitor = "val_accuracy", Mode = PlateauMode.Max, Factor = 0.5, Patience = 1, Threshold = 0.01, Cooldown = 1, MinLr = 0.02 };
        var schedule = new ReduceOnPlateauScheduler().Create(options, Context(optimizer));
        var direct = new ReduceLROnPlateau(directOptimizer, PlateauMode.Max, 0.5, 1, 0.01, ThresholdMode.Rel, 1, [0.02]);

        schedule.Monitor.Should().Be("val_accuracy");
        schedule.Interval.Should().Be(SchedulerInterval.Epoch);
        schedule.StepWithMetric.Should().NotBeNull();
        schedule.Scheduler.Invoking(s => s.Step()).Should().Throw<InvalidOperationException>("a plateau scheduler needs the metric");
        double[] accuracies = [0.5, 0.6, 0.6, 0.6, 0.6, 0.6, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7];
        var rates = new List<double>();
        var expected = new List<double>();
        foreach (var accuracy in accuracies)
        {
            schedule.StepWithMetric!(accuracy);
            direct.Step(accuracy);
            rates.Add(optimizer.ParamGroups[0].LearningRate);
            expected.Add(directOptimizer.ParamGroups[0].LearningRate);
        }

        rates.Should().Equal(expected);
        rates[^1].Should().Be(0.02, "the rate halves on each plateau down to minLr");
        rates.Distinct().Should().HaveCountGreaterThan(2);
    }

    [Fact]
    public void The_defaults_of_every_scheduler_are_valid_except_what_has_no_default()
    {
        object[] defaults = [new StepLrOptions(), new ExponentialLrOptions(), new MultiplicativeLrOptions(), new ConstantLrOptions(), new LinearLrOptions(),
            new PolynomialLrOptions(), new CosineAnnealingOptions(), new CosineWarmRestartsOptions(), new OneCycleOptions(), new ReduceOnPlateauOptions()];
        foreach (var options in defaults)
        {
            Problems(options).Should().BeEmpty(options.GetType().Name);
        }

        Problems(new MultiStepLrOptions()).Should().ContainSingle().Which.Should().Contain("Milestones");
        Problems(new CyclicLrOptions()).Should().ContainSingle().Which.Should().Contain("MaxLr");
        Problems(new SequentialOptions()).Should().ContainSingle().Which.Should().Contain("Schedulers");
        Problems(new ChainedOptions()).Should().ContainSingle().Which.Should().Contain("Schedulers");
    }

    [Fact]
    public void Options_outside_what_pytorch_accepts_are_rejected()
    {
        Problems(new StepLrOptions { StepSize = 0 }).Should().ContainSingle();
        Problems(new MultiStepLrOptions { Milestones = [3, 0] }).Should().ContainSingle().Which.Should().Contain("at least 1");
        Problems(new ConstantLrOptions { Factor = 1.5 }).Should().ContainSingle();
        Problems(new LinearLrOptions { StartFactor = 0 }).Should().ContainSingle("PyTorch rejects a start factor of 0");
        Problems(new LinearLrOptions { EndFactor = 1.1 }).Should().ContainSingle();
        Problems(new CosineAnnealingOptions { TMax = 0 }).Should().ContainSingle();
        Problems(new CosineWarmRestartsOptions { TMult = 0 }).Should().ContainSingle();
        Problems(new OneCycleOptions { PctStart = 1.2 }).Should().ContainSingle();
        Problems(new CyclicLrOptions { BaseLr = 0.5, MaxLr = 0.1 }).Should().ContainSingle().Which.Should().Contain("baseLr");
        Problems(new ReduceOnPlateauOptions { Factor = 1.0 }).Should().ContainSingle().Which.Should().Contain("below 1");
        Problems(new ReduceOnPlateauOptions { Patience = -1 }).Should().ContainSingle();
    }

    [Fact]
    public void Nested_schedulers_are_checked_with_the_rules_of_their_own_plugin()
    {
        Problems(new SequentialOptions { Schedulers = [Spec("linear"), Spec("step")], Milestones = [] })
            .Should().ContainSingle().Which.Should().Contain("one milestone fewer");
        Problems(new SequentialOptions { Schedulers = [Spec("linear"), Spec("step", ("stepSize", 0))], Milestones = [3] })
            .Should().ContainSingle().Which.Should().Contain("schedulers[1] (step)").And.Contain("stepSize");
        Problems(new SequentialOptions { Schedulers = [Spec("linear"), Spec("stepp")], Milestones = [3] })
            .Should().ContainSingle().Which.Should().Contain("unknown scheduler 'stepp'").And.Contain("multi-step");
        Problems(new ChainedOptions { Schedulers = [Spec("exponential"), 3] })
            .Should().ContainSingle().Which.Should().Contain("schedulers[1]: expected a scheduler's name or section").And.Contain("got number");
        Problems(new ChainedOptions { Schedulers = [Spec("reduce-on-plateau")] })
            .Should().ContainSingle().Which.Should().Contain("cannot be nested");
        Problems(new ChainedOptions { Schedulers = [Spec("exponential", ("gama", 0.9))] })
            .Should().ContainSingle().Which.Should().Contain("unknown option 'gama'").And.Contain("gamma");
        Problems(new ChainedOptions { Schedulers = [Spec("exponential", ("interval", "batch"))] })
            .Should().ContainSingle().Which.Should().Contain("container");
        Problems(new ChainedOptions { Schedulers = [Spec("cyclic", ("maxLr", 0.5), ("mode", "exp_range"))] }).Should().BeEmpty();
        Problems(new ChainedOptions { Schedulers = [Spec("cyclic", ("maxLr", 0.5), ("mode", "sawtooth"))] })
            .Should().ContainSingle().Which.Should().Contain("schedulers[0] (cyclic)");
    }

    [Fact]
    public void Nested_schedulers_take_the_interval_of_their_container()
    {
        using var optimizer = NewOptimizer();
        using var directOptimizer = NewOptimizer();
        var options = new SequentialOptions { Schedulers = [Spec("constant", ("factor", 0.5), ("totalIters", 2)), Spec("cosine")], Milestones = [2], Interval = SchedulerInterval.Batch };
        var schedule = new SequentialScheduler().Create(options, Context(optimizer));
        var direct = new SequentialLR(directOptimizer, [new ConstantLR(directOptimizer, 0.5, 2), new CosineAnnealingLR(directOptimizer, Epochs * StepsPerEpoch)], [2]);

        schedule.Interval.Should().Be(SchedulerInterval.Batch);
        Trace(schedule.Scheduler, optimizer).Should().Equal(Trace(direct, directOptimizer), "the nested cosine spans the whole run in batches");
    }

    [Fact]
    public void A_sequential_scheduler_with_invalid_nested_options_fails_to_build_with_the_problem()
    {
        using var optimizer = NewOptimizer();
        var options = new SequentialOptions { Schedulers = [Spec("linear"), Spec("step", ("gamma", -1))], Milestones = [3] };

        new SequentialScheduler().Invoking(p => p.Create(options, Context(optimizer)))
            .Should().Throw<ArgumentException>().WithMessage("*schedulers[1] (step)*gamma*");
    }

    private static JsonObject Spec(string name, params (string Key, JsonNode? Value)[] options)
    {
        var spec = new JsonObject { ["name"] = name };
        foreach (var (key, value) in options)
        {
            spec[key] = value;
        }

        return spec;
    }

    private static SGD NewOptimizer() => new([torch.Zeros([3], requiresGrad: true)], lr: 0.1, momentum: 0.9);

    private static SchedulerContext Context(Optimizer optimizer, int epochs = Epochs, int stepsPerEpoch = StepsPerEpoch) =>
        new() { Optimizer = optimizer, Epochs = epochs, StepsPerEpoch = stepsPerEpoch };

    /// <summary>The rate and momentum after construction and after each of the steps.</summary>
    private static List<(double Lr, double Momentum)> Trace(LRScheduler scheduler, Optimizer optimizer)
    {
        var trace = new List<(double, double)> { Read(optimizer) };
        for (var i = 0; i < Steps; i++)
        {
            scheduler.Step();
            trace.Add(Read(optimizer));
        }

        return trace;
    }

    private static (double, double) Read(Optimizer optimizer) => (optimizer.ParamGroups[0].LearningRate, optimizer.ParamGroups[0].Option("momentum"));

    /// <summary>What the host's validation finds: the DataAnnotations attributes, then the cross-option rules.</summary>
    private static List<string> Problems(object options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => $"{string.Join(",", r.MemberNames)}: {r.ErrorMessage}").ToList();
    }
}
