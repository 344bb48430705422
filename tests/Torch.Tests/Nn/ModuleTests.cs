using Crucible.Torch.Nn;

namespace Crucible.Torch.Tests.Nn;

public class ModuleTests
{
    [Fact]
    public void Parameters_and_buffers_are_enumerated_with_PyTorchs_dotted_names()
    {
        using var model = new Sequential(new Linear(4, 8), new BatchNorm1d(8), new ReLU(), new Linear(8, 2, bias: false));

        model.NamedParameters().Select(p => p.Name).Should().Equal("0.weight", "0.bias", "1.weight", "1.bias", "3.weight");
        model.NamedBuffers().Select(b => b.Name).Should().Equal("1.running_mean", "1.running_var", "1.num_batches_tracked");
        model.StateDict().Keys.Should().Equal(
            "0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked", "3.weight");
        model.NamedModules().Select(m => m.Name).Should().Equal(string.Empty, "0", "1", "2", "3");
        model.ParameterCount.Should().Be((4 * 8) + 8 + 8 + 8 + (8 * 2));
        model.Parameters().Should().OnlyContain(p => p.RequiresGrad);
    }

    [Fact]
    public void Train_and_Eval_reach_every_descendant_and_switch_dropout()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new Sequential(new Linear(3, 3), new Sequential(new Dropout(0.5)));
        model.Modules().Should().OnlyContain(m => m.Training);

        model.Eval();

        model.Modules().Should().OnlyContain(m => !m.Training);
        var x = torch.Ones([64, 3]);
        var dropout = (Dropout)((Sequential)model[1])[0];
        dropout.Forward(x).ToArray<float>().Should().OnlyContain(v => v == 1f, "dropout is the identity in evaluation mode");

        model.Train();
        var dropped = dropout.Forward(x).ToArray<float>();
        dropped.Should().OnlyContain(v => v == 0f || v == 2f, "kept elements are scaled by 1/(1-p)");
        dropped.Should().Contain(0f).And.Contain(2f);
    }

    [Fact]
    public void A_state_dict_round_trips_into_a_fresh_module_and_keeps_parameter_identity()
    {
        using var scope = torch.NewDisposeScope();
        using var source = new Sequential(new Linear(4, 3), new ReLU(), new Linear(3, 2));
        using var target = new Sequential(new Linear(4, 3), new ReLU(), new Linear(3, 2));
        var before = target.Parameters().ToList();

        var result = target.LoadStateDict(source.StateDict());

        result.MissingKeys.Should().BeEmpty();
        result.UnexpectedKeys.Should().BeEmpty();
        target.Parameters().Should().Equal(before, (a, b) => ReferenceEquals(a, b), "loading copies into the existing tensors");
        foreach (var ((_, a), (_, b)) in source.NamedParameters().Zip(target.NamedParameters()))
        {
            b.ToArray<float>().Should().Equal(a.ToArray<float>());
            b.RequiresGrad.Should().BeTrue();
        }

        var x = torch.Randn([5, 4]);
        target.Forward(x).ToArray<float>().Should().Equal(source.Forward(x).ToArray<float>());
    }

    [Fact]
    public void The_state_dict_shares_storage_and_disposing_it_leaves_the_module_intact()
    {
        using var layer = new Linear(2, 2);
        float[] expected;
        using (torch.NewDisposeScope())
        {
            var state = layer.StateDict();
            Init.Constant(state["weight"], 0.5);
            expected = state["weight"].ToArray<float>();
        }

        layer.Weight.IsDisposed.Should().BeFalse();
        layer.Weight.ToArray<float>().Should().Equal(expected).And.OnlyContain(v => v == 0.5f);
    }

    [Fact]
    public void Strict_loading_names_every_missing_unexpected_and_mismatched_entry_and_loads_nothing()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new Sequential(new Linear(4, 3), new Linear(3, 2));
        var original = model.StateDict().ToDictionary(e => e.Key, e => e.Value.ToArray<float>());
        var dict = new Dictionary<string, Tensor>
        {
            ["0.weight"] = torch.Zeros([3, 5]),
            ["0.bias"] = torch.Zeros([3], ScalarType.Float64),
            ["1.weight"] = torch.Zeros([2, 3]),
            ["extra.weight"] = torch.Zeros([1]),
        };

        var act = () => model.LoadStateDict(dict);

        var error = act.Should().Throw<StateDictMismatchException>().Which;
        error.MissingKeys.Should().Equal("1.bias");
        error.UnexpectedKeys.Should().Equal("extra.weight");
        error.Mismatches.Should().HaveCount(2);
        error.Message.Should().Contain("Missing key(s): \"1.bias\"")
            .And.Contain("Unexpected key(s): \"extra.weight\"")
            .And.Contain("0.weight: shape [3, 5] in the state dict, [3, 4] in the module")
            .And.Contain("0.bias: dtype float64 in the state dict, float32 in the module");
        model.StateDict().ToDictionary(e => e.Key, e => e.Value.ToArray<float>())
            .Should().BeEquivalentTo(original, "a failed load changes nothing");
    }

    [Fact]
    public void Non_strict_loading_reports_missing_and_unexpected_names_but_still_rejects_shape_mismatches()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new Linear(2, 2);
        var partial = new Dictionary<string, Tensor> { ["weight"] = torch.Ones([2, 2]), ["other"] = torch.Ones([1]) };

        var result = model.LoadStateDict(partial, strict: false);

        result.MissingKeys.Should().Equal("bias");
        result.UnexpectedKeys.Should().Equal("other");
        model.Weight.ToArray<float>().Should().OnlyContain(v => v == 1f);

        var wrongShape = new Dictionary<string, Tensor> { ["weight"] = torch.Ones([3, 2]) };
        var act = () => model.LoadStateDict(wrongShape, strict: false);
        act.Should().Throw<StateDictMismatchException>().WithMessage("*weight: shape [3, 2] in the state dict, [2, 2] in the module*");
    }

    [Fact]
    public void Batch_norm_refuses_one_value_per_channel_in_training_as_pytorch_does()
    {
        using var scope = torch.NewDisposeScope();
        using var norm = new BatchNorm1d(3);
        var act = () => norm.Forward(torch.Randn([1, 3]));
        act.Should().Throw<ArgumentException>().WithMessage("Expected more than 1 value per channel when training, got input size [1, 3]*");
        norm.RunningVar!.ToArray<float>().Should().OnlyContain(v => !float.IsNaN(v));

        // One sample with several positions is enough, and evaluation uses the running statistics.
        norm.Forward(torch.Randn([1, 3, 2])).Shape.Should().Equal(1, 3, 2);
        norm.Eval();
        norm.Forward(torch.Randn([1, 3])).ToArray<float>().Should().OnlyContain(v => float.IsFinite(v));
    }

    [Fact]
    public void To_dtype_converts_floating_tensors_in_place_keeping_identity_and_requires_grad()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new Sequential(new Linear(3, 2), new BatchNorm1d(2));
        var parameters = model.Parameters().ToList();
        var x = torch.Randn([4, 3]);
        var before = model.Forward(x).ToArray<float>();

        model.To(ScalarType.Float64);

        model.Parameters().Should().Equal(parameters, (a, b) => ReferenceEquals(a, b));
        model.Parameters().Should().OnlyContain(p => p.DType == ScalarType.Float64 && p.RequiresGrad);
        model.NamedBuffers().Single(b => b.Name == "1.num_batches_tracked").Buffer.DType.Should().Be(ScalarType.Int64);
        model.NamedBuffers().Single(b => b.Name == "1.running_mean").Buffer.DType.Should().Be(ScalarType.Float64);
        var after = model.Forward(x.To(ScalarType.Float64)).ToArray<double>();
        after.Should().Equal(before.Select(v => (double)v), (a, b) => Math.Abs(a - b) < 1e-5);

        // The converted tensors are still leaves that receive gradients.
        model.Forward(x.To(ScalarType.Float64)).Sum().Backward(torch.Ones([], ScalarType.Float64));
        parameters.Should().OnlyContain(p => p.Grad != null && p.Grad.DType == ScalarType.Float64);
    }

    [Fact]
    public void To_the_cpu_is_a_no_op_that_keeps_everything()
    {
        using var layer = new Linear(2, 3);
        var weight = layer.Weight;
        var values = weight.ToArray<float>();

        layer.To(Device.Cpu).Should().BeSameAs(layer);

        layer.Weight.Should().BeSameAs(weight);
        layer.Weight.ToArray<float>().Should().Equal(values);
        layer.Weight.RequiresGrad.Should().BeTrue();
    }

    [Fact]
    public void ZeroGrad_clears_every_gradient()
    {
        using var scope = torch.NewDisposeScope();
        using var layer = new Linear(2, 1);
        layer.Forward(torch.Ones([3, 2])).Sum().Backward(torch.Ones([]));
        layer.Weight.Grad.Should().NotBeNull();

        layer.ZeroGrad();

        layer.Weight.Grad.Should().BeNull();
        layer.Bias!.Grad.Should().BeNull();
    }

    [Fact]
    public void Tied_weights_count_once_in_parameters_but_appear_under_both_names_in_the_state_dict()
    {
        using var model = new Tied();

        model.NamedParameters().Select(p => p.Name).Should().Equal("a.weight", "a.bias", "b.bias");
        model.StateDict().Keys.Should().Equal("a.weight", "a.bias", "b.weight", "b.bias");
        model.ParameterCount.Should().Be(4 + 2 + 2);
    }

    [Fact]
    public void Registering_clashing_or_dotted_names_is_rejected()
    {
        var act = () => new BadNames(dotted: true);
        act.Should().Throw<ArgumentException>().WithMessage("*must not contain '.'*");

        var clash = () => new BadNames(dotted: false);
        clash.Should().Throw<ArgumentException>().WithMessage("*already has a member named 'fc'*");
    }

    [Fact]
    public void Disposing_a_module_frees_its_parameters_and_those_of_its_children()
    {
        var model = new Sequential(new Linear(2, 2), new Linear(2, 2));
        var parameters = model.Parameters().ToList();

        model.Dispose();

        parameters.Should().OnlyContain(p => p.IsDisposed);
    }

    [Fact]
    public void Parameters_created_inside_a_dispose_scope_survive_it()
    {
        Linear layer;
        using (torch.NewDisposeScope())
        {
            layer = new Linear(3, 3);
        }

        using (layer)
        {
            layer.Weight.IsDisposed.Should().BeFalse();
            using var y = layer.Forward(torch.Ones([1, 3]));
            y.Shape.Should().Equal(1, 3);
        }
    }

    [Fact]
    public void Sequential_supports_collection_initializers_named_children_and_indexing()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new Sequential { new Linear(2, 4), new Tanh() };
        model.Append(new Linear(4, 1));
        using var named = new Sequential(("encoder", new Linear(2, 2)), ("act", new ReLU()));

        model.Count.Should().Be(3);
        model[2].Should().BeOfType<Linear>();
        model.Forward(torch.Ones([5, 2])).Shape.Should().Equal(5, 1);
        named.StateDict().Keys.Should().Equal("encoder.weight", "encoder.bias");
    }

    [Fact]
    public void ModuleList_registers_its_modules_but_cannot_be_called()
    {
        using var list = new ModuleList(new Linear(2, 2)).Append(new Linear(2, 2));

        list.NamedParameters().Select(p => p.Name).Should().Equal("0.weight", "0.bias", "1.weight", "1.bias");
        var act = () => list.Forward(torch.Ones([1, 2]));
        act.Should().Throw<InvalidOperationException>().WithMessage("*iterate it*");
    }

    [Fact]
    public void A_custom_module_registers_submodules_and_parameters_and_trains_like_any_other()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new CustomMlp();

        model.NamedParameters().Select(p => p.Name).Should().Equal(
            "scale", "fc1.weight", "fc1.bias", "blocks.0.weight", "blocks.0.bias", "blocks.1.weight", "blocks.1.bias", "head.weight", "head.bias");
        model.ParameterCount.Should().Be(3 + (4 * 8) + 8 + (2 * ((8 * 8) + 8)) + (8 * 3) + 3);

        var x = torch.Randn([6, 4]);
        var target = torch.Randn([6, 3]);
        double Loss()
        {
            var diff = model.Forward(x) - target;
            return (diff * diff).Mean().Item<float>();
        }

        var initial = Loss();
        for (var step = 0; step < 20; step++)
        {
            using var stepScope = torch.NewDisposeScope();
            model.ZeroGrad();
            var diff = model.Forward(x) - target;
            (diff * diff).Mean().Backward(torch.Ones([]));

            // Plain SGD, p <- p - 0.1 grad, written back through LoadStateDict (which keeps identity).
            var updated = model.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter.Detach().Sub(p.Parameter.Grad!, 0.1));
            model.LoadStateDict(updated);
        }

        Loss().Should().BeLessThan(initial * 0.9);
    }

    [Fact]
    public void ToString_prints_the_module_tree_as_PyTorch_does()
    {
        using var model = new Sequential(
            new Conv2d(1, 8, 3, padding: 1), new BatchNorm2d(8), new ELU(), new Dropout(0.25), new Flatten(),
            new Linear(72, 10, bias: false), new LogSoftmax(dim: 1),
            new ModuleList(new LSTM(3, 4, numLayers: 2, batchFirst: true, bidirectional: true), new Embedding(10, 3, paddingIdx: 0), new LayerNorm(4), new GELU(approximate: "tanh")));

        model.ToString().Should().Be(NnReference.Repr());
    }

    [Fact]
    public void Bilinear_rejects_a_single_input_with_a_clear_message()
    {
        using var layer = new Bilinear(2, 2, 1);
        var act = () => layer.Forward(torch.Ones([1, 2]));
        act.Should().Throw<InvalidOperationException>().WithMessage("*two inputs*");
    }

    [Fact]
    public void A_libtorch_shape_error_in_a_layer_becomes_a_TorchException()
    {
        using var layer = new Linear(4, 2);
        using var wrong = torch.Ones([3, 5]);
        var act = () => layer.Forward(wrong);
        act.Should().Throw<TorchException>().WithMessage("*mat1 and mat2 shapes cannot be multiplied*");
    }

    private sealed class Tied : Module
    {
        public Tied()
        {
            var a = RegisterModule("a", new Linear(2, 2));
            var b = RegisterModule("b", new Linear(2, 2, bias: true));
            b.RegisterParameterInternal("weight", a.Weight);
        }

        public override Tensor Forward(Tensor input) => input;
    }

    private sealed class BadNames : Module
    {
        public BadNames(bool dotted)
        {
            if (dotted)
            {
                RegisterParameter("a.b", torch.Zeros([1]));
            }
            else
            {
                RegisterModule("fc", new Linear(1, 1));
                RegisterParameter("fc", torch.Zeros([1]));
            }
        }

        public override Tensor Forward(Tensor input) => input;
    }
}
