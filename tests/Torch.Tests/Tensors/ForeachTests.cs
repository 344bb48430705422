namespace Crucible.Torch.Tests.Tensors;

/// <summary>
/// libtorch's <c>_foreach_*</c> ops through the binding, as an optimizer step uses them: its constant
/// factors travel as 0-dim tensors of the parameters' type, which must give the very numbers that
/// the scalar overloads give.
/// </summary>
public class ForeachTests
{
    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void A_factor_held_in_a_0_dim_tensor_of_the_type_gives_the_scalars_numbers_bit_for_bit(ScalarType type)
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(7);
        var a = new[] { torch.Randn([5, 3]).To(type), torch.Randn([7]).To(type) };
        var b = a.Select(t => t.Clone()).ToArray();
        const double Beta = 0.999, Eps = 1e-8;

        torch.ForeachMul_(a, Beta);
        torch.ForeachAdd_(a, Eps);
        var beta = Scalar(Beta, type);
        var eps = Scalar(Eps, type);
        torch.ForeachMul_(b, [beta, beta]);
        torch.ForeachAdd_(b, [eps, eps]);

        for (var i = 0; i < a.Length; i++)
        {
            b[i].DType.Should().Be(type);
            b[i].Shape.Should().Equal(a[i].Shape);
            Bits(b[i]).Should().Equal(Bits(a[i]));
        }
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void The_out_of_place_list_add_gives_each_tensors_add_with_alpha_and_leaves_its_inputs_alone(ScalarType type)
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(11);
        var self = new[] { torch.Randn([4, 3]).To(type), torch.Randn([6]).To(type) };
        var other = new[] { torch.Randn([4, 3]).To(type), torch.Randn([6]).To(type) };
        var before = self.Select(Bits).ToArray();
        const double Alpha = 0.01;

        var sums = torch.ForeachAdd(self, other, Alpha);

        sums.Should().HaveCount(2);
        for (var i = 0; i < self.Length; i++)
        {
            sums[i].Should().NotBeSameAs(self[i]);
            sums[i].DType.Should().Be(type);
            Bits(sums[i]).Should().Equal(Bits(self[i].Add(other[i], Alpha)));
            Bits(sums[i]).Should().NotEqual(before[i]);
            Bits(self[i]).Should().Equal(before[i]);
        }

        var mismatched = () => torch.ForeachAdd(self, [other[0]], Alpha);
        mismatched.Should().Throw<ArgumentException>().WithMessage("*same length*");
    }

    private static Tensor Scalar(double value, ScalarType type) =>
        type == ScalarType.Float32 ? torch.ScalarTensor((float)value, Device.Cpu) : torch.ScalarTensor(value, Device.Cpu);

    private static long[] Bits(Tensor t) => t.DType == ScalarType.Float32
        ? [.. t.ToArray<float>().Select(v => (long)BitConverter.SingleToInt32Bits(v))]
        : [.. t.ToArray<double>().Select(BitConverter.DoubleToInt64Bits)];
}
