using Crucible.Torch.Optim;

namespace Crucible.Torch.Tests.Optim;

/// <summary>
/// An optimizer's typed state (<see cref="Adam.State"/>, <see cref="SGD.State"/>, ...) is the same
/// storage that the state dict saves under PyTorch's keys, and a restored optimizer gets it typed again.
/// </summary>
public class OptimizerStateTests
{
    [Fact]
    public void Adams_typed_state_is_what_the_state_dict_saves_and_restores()
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.Tensor(new float[] { 1, -2, 3 }).RequiresGrad_();
        using var adam = new Adam([w], lr: 0.1);
        adam.GetState(w).Should().BeNull("no step has run");
        for (var i = 0; i < 2; i++)
        {
            adam.ZeroGrad();
            (w * w).Sum().Backward();
            adam.Step();
        }

        var state = adam.GetState(w)!;
        state.Step.Should().Be(2);
        state.ExpAvg.Should().BeSameAs(state.Tensors["exp_avg"]);
        state.MaxExpAvgSq.Should().BeNull("amsgrad is off");
        using var saved = adam.StateDict();
        saved.Values["state.0.step"].Should().Be(2);
        saved.Tensors["state.0.exp_avg_sq"].ToArray<float>().Should().Equal(state.ExpAvgSq.ToArray<float>());

        var v = torch.Tensor(new float[] { 1, -2, 3 }).RequiresGrad_();
        using var restored = new Adam([v], lr: 0.1);
        restored.LoadStateDict(saved);
        var typed = restored.GetState(v)!;
        typed.Should().BeOfType<Adam.State>();
        typed.Step.Should().Be(2);
        typed.ExpAvg.ToArray<float>().Should().Equal(state.ExpAvg.ToArray<float>());
    }

    [Fact]
    public void Sgd_keeps_a_momentum_buffer_only_with_momentum()
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.Tensor(new float[] { 1, 2 }).RequiresGrad_();
        var u = torch.Tensor(new float[] { 1, 2 }).RequiresGrad_();
        using var plain = new SGD([w], lr: 0.1);
        using var momentum = new SGD([u], lr: 0.1, momentum: 0.9);
        (w.Sum() + u.Sum()).Backward();
        plain.Step();
        momentum.Step();

        (plain.GetState(w)?.MomentumBuffer).Should().BeNull();
        momentum.GetState(u)!.MomentumBuffer!.ToArray<float>().Should().Equal(1, 1);
    }
}
