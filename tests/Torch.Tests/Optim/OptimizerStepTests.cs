using Crucible.Torch.Optim;

namespace Crucible.Torch.Tests.Optim;

/// <summary>
/// A step reads each group's gradients in one native call and keeps the group's typed options
/// between steps: what it reads must still be the gradients and options of the moment.
/// </summary>
public class OptimizerStepTests
{
    [Fact]
    public void An_option_changed_between_steps_applies_from_the_next_step()
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.Tensor(new float[] { 1 }).RequiresGrad_();
        using var sgd = new SGD([w], lr: 0.1);
        w.Sum().Backward();
        sgd.Step();
        w.ToArray<float>()[0].Should().BeApproximately(0.9f, 1e-6f);

        sgd.ParamGroups[0].Options["weight_decay"] = 1;
        sgd.Step();

        // The gradient 1 plus the weight decay's 1 * 0.9, times the learning rate.
        w.ToArray<float>()[0].Should().BeApproximately(0.9f - (0.1f * 1.9f), 1e-6f);
    }

    [Fact]
    public void Each_step_reads_the_gradients_of_the_moment()
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.Tensor(new float[] { 1, 1 }).RequiresGrad_();
        var b = torch.Tensor(new float[] { 0 }).RequiresGrad_();
        using var sgd = new SGD([w, b], lr: 1);

        // Only w has a gradient: b is skipped.
        (w * torch.Tensor(new float[] { 2, 3 })).Sum().Backward();
        sgd.Step();
        w.ToArray<float>().Should().Equal(-1, -2);
        b.ToArray<float>().Should().Equal(0);

        // New gradient tensors after zero_grad(set_to_none): the step follows them.
        sgd.ZeroGrad();
        (b * 4).Sum().Backward();
        sgd.Step();
        w.ToArray<float>().Should().Equal(-1, -2);
        b.ToArray<float>().Should().Equal(-4);

        // A gradient replaced by hand is the one the next step uses.
        w.Grad = torch.Tensor(new float[] { 1, 1 });
        sgd.Step();
        w.ToArray<float>().Should().Equal(-2, -3);
        b.ToArray<float>().Should().Equal(-8);
    }

    [Fact]
    public void A_dense_optimizer_refuses_a_sparse_gradient_before_changing_anything()
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.Tensor(new float[] { 1, 2 }).RequiresGrad_();
        var e = torch.Tensor(new float[] { 1, 2 }).RequiresGrad_();
        using var adam = new Adam([w, e], lr: 0.1);
        w.Grad = torch.Tensor(new float[] { 1, 1 });
        e.Grad = torch.SparseCooTensor(torch.Tensor(new long[] { 1 }).Reshape([1, 1]), torch.Tensor(new float[] { 1 }), [2]);

        var step = () => adam.Step();

        step.Should().Throw<TorchException>().WithMessage("Adam does not support sparse gradients*");
        adam.GetState(w).Should().BeNull();
        w.ToArray<float>().Should().Equal(1, 2);
    }

    [Fact]
    public void A_factor_that_a_scheduler_changes_every_step_reuses_the_groups_kept_tensors_and_gives_the_scalar_numbers()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(3);
        var start = torch.Randn([4, 3]);

        // All of the group's parameters float32: Adam's factors go to libtorch as the group's kept
        // 0-dim tensors. A float64 parameter beside the same float32 one: the types differ, so they go
        // as plain scalars, which the kept tensors must match bit for bit.
        var w = start.Clone().RequiresGrad_();
        var v = start.Clone().RequiresGrad_();
        var other = torch.Zeros([2], ScalarType.Float64, requiresGrad: true);
        using var kept = new Adam([w], lr: 0.1);
        using var plain = new Adam([v, other], lr: 0.1);

        // OneCycleLR moves beta1 (and the rate) every step.
        var keptSchedule = new OneCycleLR(kept, [0.01], totalSteps: 100);
        var plainSchedule = new OneCycleLR(plain, [0.01], totalSteps: 100);
        var beta1s = new HashSet<double>();
        for (var step = 0; step < 99; step++)
        {
            beta1s.Add(kept.ParamGroups[0].Option("beta1"));
            var grad = torch.Randn([4, 3]);
            w.Grad = grad.Clone();
            v.Grad = grad.Clone();
            other.Grad = torch.Ones([2], ScalarType.Float64);
            kept.Step();
            plain.Step();
            keptSchedule.Step();
            plainSchedule.Step();
        }

        beta1s.Should().HaveCountGreaterThan(90, "the schedule moves beta1 every step");
        w.ToArray<float>().Select(BitConverter.SingleToInt32Bits).Should().Equal(v.ToArray<float>().Select(BitConverter.SingleToInt32Bits));

        // 99 values of beta1, beta2 and eps: a few tensors kept and refilled, not one new per step.
        kept.ParamGroups[0].Gradients.ScalarsCreated.Should().BeInRange(3, 16);
        plain.ParamGroups[0].Gradients.ScalarsCreated.Should().Be(0);
    }

    [Fact]
    public void LBFGS_reads_a_parameter_without_a_gradient_as_zeros()
    {
        using var scope = torch.NewDisposeScope();
        var target = torch.Tensor(new double[] { 1, 2 });
        var scale = torch.Tensor(new double[] { 1, 4 });
        var unused = torch.Tensor(new double[] { 5 }).RequiresGrad_();
        var w = torch.Tensor(new double[] { 3, -2 }).RequiresGrad_();
        var alone = torch.Tensor(new double[] { 3, -2 }).RequiresGrad_();
        using var both = new LBFGS([unused, w], maxIter: 4);
        using var single = new LBFGS([alone], maxIter: 4);

        both.Step(() =>
        {
            both.ZeroGrad();
            var loss = ((w - target).Pow(2) * scale).Sum();
            loss.Backward();
            return loss;
        });
        single.Step(() =>
        {
            single.ZeroGrad();
            var loss = ((alone - target).Pow(2) * scale).Sum();
            loss.Backward();
            return loss;
        });

        unused.ToArray<double>().Should().Equal(5);
        w.ToArray<double>().Should().NotEqual([3, -2]);
        w.ToArray<double>().Should().Equal(alone.ToArray<double>());
    }

    public static TheoryData<string> OneParameterAtATime() => ["Adadelta", "Adamax", "ASGD", "RMSprop", "Rprop", "SparseAdam"];

    [Theory]
    [MemberData(nameof(OneParameterAtATime))]
    public void Maximizing_takes_the_steps_of_minimizing_the_negated_objective(string name)
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(5);
        var sparse = name == "SparseAdam";
        var start = torch.Randn([5, 2]);
        var up = start.Clone().RequiresGrad_();
        var down = start.Clone().RequiresGrad_();
        using var maximizing = Create(name, up, maximize: true);
        using var minimizing = Create(name, down, maximize: false);
        for (var step = 0; step < 5; step++)
        {
            var grad = sparse
                ? torch.SparseCooTensor(torch.Tensor(new long[] { 1, 3 }).Reshape([1, 2]), torch.Randn([2, 2]), [5, 2])
                : torch.Randn([5, 2]);
            up.Grad = grad.Neg();
            down.Grad = grad;
            maximizing.Step();
            minimizing.Step();
        }

        up.ToArray<float>().Should().NotEqual(start.ToArray<float>());
        up.ToArray<float>().Select(BitConverter.SingleToInt32Bits).Should().Equal(down.ToArray<float>().Select(BitConverter.SingleToInt32Bits));
    }

    [Theory]
    [MemberData(nameof(OneParameterAtATime))]
    public void A_gradient_of_the_wrong_kind_is_refused_before_anything_changes(string name)
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.Tensor(new float[] { 1, 2 }).RequiresGrad_();
        var e = torch.Tensor(new float[] { 1, 2 }).RequiresGrad_();
        using var optimizer = Create(name, w, maximize: false, e);
        var sparse = torch.SparseCooTensor(torch.Tensor(new long[] { 1 }).Reshape([1, 1]), torch.Tensor(new float[] { 1 }), [2]);
        var dense = torch.Tensor(new float[] { 1, 1 });
        (w.Grad, e.Grad) = name == "SparseAdam" ? (sparse, dense) : (dense, sparse);

        var step = () => optimizer.Step();

        step.Should().Throw<TorchException>().WithMessage(name == "SparseAdam" ? "SparseAdam does not support dense gradients*" : $"{name} does not support sparse gradients*");
        optimizer.GetState(w).Should().BeNull();
        optimizer.GetState(e).Should().BeNull();
        w.ToArray<float>().Should().Equal(1, 2);
    }

    private static Optimizer Create(string name, Tensor p, bool maximize, Tensor? other = null)
    {
        Tensor[] ps = other is null ? [p] : [p, other];
        return name switch
        {
            "Adadelta" => new Adadelta(ps, weightDecay: 0.1, maximize: maximize),
            "Adamax" => new Adamax(ps, weightDecay: 0.1, maximize: maximize),
            "ASGD" => new ASGD(ps, weightDecay: 0.1, maximize: maximize),
            "RMSprop" => new RMSprop(ps, weightDecay: 0.1, momentum: 0.5, centered: true, maximize: maximize),
            "Rprop" => new Rprop(ps, maximize: maximize),
            "SparseAdam" => new SparseAdam(ps, maximize: maximize),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }
}
