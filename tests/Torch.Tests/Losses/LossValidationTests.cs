using Crucible.Torch.Nn;

namespace Crucible.Torch.Tests.Losses;

/// <summary>Wrong shapes and types fail before libtorch, with a message naming both sides.</summary>
public class LossValidationTests
{
    [Fact]
    public void CrossEntropy_with_float_targets_of_index_shape_names_both_shapes_and_the_fix()
    {
        using var input = torch.Zeros([4, 3]);
        using var target = torch.Zeros([4]);

        var act = () => new CrossEntropyLoss().Forward(input, target);

        act.Should().Throw<ArgumentException>()
            .WithMessage("*CrossEntropyLoss*float32*[4]*[4, 3]*int64*To(ScalarType.Int64)*");
    }

    [Fact]
    public void CrossEntropy_with_index_targets_of_the_wrong_length_names_both_shapes()
    {
        using var input = torch.Zeros([4, 3]);
        using var target = torch.Zeros([5], ScalarType.Int64);

        var act = () => new CrossEntropyLoss().Forward(input, target);

        act.Should().Throw<ArgumentException>().WithMessage("*[4, 3]*[4]*[5]*");
    }

    [Fact]
    public void CrossEntropy_with_int32_targets_asks_for_int64()
    {
        using var input = torch.Zeros([2, 3]);
        using var target = torch.Zeros([2], ScalarType.Int32);

        var act = () => new CrossEntropyLoss().Forward(input, target);

        act.Should().Throw<ArgumentException>().WithMessage("*int64*int32*");
    }

    [Fact]
    public void NLL_with_float_targets_is_rejected_before_libtorch()
    {
        using var input = torch.Zeros([2, 3]);
        using var target = torch.Zeros([2]);

        var act = () => new NLLLoss().Forward(input, target);

        act.Should().Throw<ArgumentException>().WithMessage("*NLLLoss*int64*[2]*float32*[2]*");
    }

    [Theory]
    [InlineData("mse")]
    [InlineData("l1")]
    [InlineData("smoothl1")]
    [InlineData("huber")]
    [InlineData("bce")]
    [InlineData("bcelogits")]
    [InlineData("kldiv")]
    public void Elementwise_losses_reject_shapes_that_differ_naming_both(string which)
    {
        using var input = torch.Zeros([3, 2]);
        using var target = torch.Zeros([3, 1]);
        Loss loss = which switch
        {
            "mse" => new MSELoss(),
            "l1" => new L1Loss(),
            "smoothl1" => new SmoothL1Loss(),
            "huber" => new HuberLoss(),
            "bce" => new BCELoss(),
            "bcelogits" => new BCEWithLogitsLoss(),
            _ => new KLDivLoss(),
        };

        var act = () => loss.Forward(input, target);

        act.Should().Throw<ArgumentException>().WithMessage($"*{loss.GetType().Name}*[3, 2]*[3, 1]*");
    }

    [Fact]
    public void MSE_with_a_float64_target_for_a_float32_input_names_both_types()
    {
        using var input = torch.Zeros([3]);
        using var target = torch.Zeros([3], ScalarType.Float64);

        var act = () => new MSELoss().Forward(input, target);

        act.Should().Throw<ArgumentException>().WithMessage("*float32*float64*To(ScalarType.Float32)*");
    }

    [Fact]
    public void MarginRanking_rejects_a_target_of_another_shape()
    {
        using var a = torch.Zeros([4]);
        using var b = torch.Zeros([4]);
        using var t = torch.Ones([3]);

        var act = () => new MarginRankingLoss().Forward(a, b, t);

        act.Should().Throw<ArgumentException>().WithMessage("*[4]*[3]*");
    }

    [Fact]
    public void CosineEmbedding_needs_one_target_per_pair()
    {
        using var a = torch.Zeros([4, 2]);
        using var b = torch.Zeros([4, 2]);
        using var t = torch.Ones([2]);

        var act = () => new CosineEmbeddingLoss().Forward(a, b, t);

        act.Should().Throw<ArgumentException>().WithMessage("*[4, 2]*[4]*[2]*");
    }

    [Fact]
    public void Pair_losses_called_with_one_input_explain_the_three_argument_form()
    {
        using var a = torch.Zeros([4]);

        var act = () => new MarginRankingLoss().Forward(a, a);

        act.Should().Throw<InvalidOperationException>().WithMessage("*Forward(input1, input2, target)*");
    }

    [Fact]
    public void Label_smoothing_outside_zero_to_one_is_rejected()
    {
        var act = () => new CrossEntropyLoss(labelSmoothing: 1.5);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void A_class_weight_of_the_wrong_length_surfaces_libtorchs_message()
    {
        using var weight = torch.Ones([5]);
        using var input = torch.Zeros([2, 3]);
        using var target = torch.Zeros([2], ScalarType.Int64);

        var act = () => new CrossEntropyLoss(weight).Forward(input, target);

        act.Should().Throw<TorchException>();
    }
}
