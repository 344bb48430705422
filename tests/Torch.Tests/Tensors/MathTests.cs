namespace Crucible.Torch.Tests.Tensors;

public class MathTests
{
    [Fact]
    public void Operators_broadcast_and_mix_scalars_on_both_sides()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.Tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        var row = torch.Tensor(new float[] { 10, 20 });

        (a + row).ToArray<float>().Should().Equal(11f, 22f, 13f, 24f);
        (a - 1).ToArray<float>().Should().Equal(0f, 1f, 2f, 3f);
        (10 - a).ToArray<float>().Should().Equal(9f, 8f, 7f, 6f);
        (2 * a).ToArray<float>().Should().Equal(2f, 4f, 6f, 8f);
        (a / 2).ToArray<float>().Should().Equal(0.5f, 1f, 1.5f, 2f);
        (4 / a).ToArray<float>().Should().Equal(4f, 2f, 4f / 3f, 1f);
        (-a).ToArray<float>().Should().Equal(-1f, -2f, -3f, -4f);
        (a % 3).ToArray<float>().Should().Equal(1f, 2f, 0f, 1f);
        (a * a).ToArray<float>().Should().Equal(1f, 4f, 9f, 16f);
    }

    [Fact]
    public void Integer_tensors_stay_integer_with_integer_scalars_and_promote_with_doubles()
    {
        using var scope = torch.NewDisposeScope();
        var i = torch.Tensor(new long[] { 1, 2 });

        (i + 2).DType.Should().Be(ScalarType.Int64);
        (i * 2.5).DType.Should().Be(ScalarType.Float32);
        (i / 2).DType.Should().Be(ScalarType.Float32);
    }

    [Fact]
    public void Integer_tensors_add_and_subtract_tensors_like_python_with_whole_alphas()
    {
        using var scope = torch.NewDisposeScope();
        var rows = torch.Tensor(new long[] { 0, 3 }, [2, 1]);
        var offsets = torch.Arange(3);

        var sum = rows + offsets;
        sum.DType.Should().Be(ScalarType.Int64);
        sum.ToArray<long>().Should().Equal(0, 1, 2, 3, 4, 5);
        (rows - offsets).ToArray<long>().Should().Equal(0, -1, -2, 3, 2, 1);
        rows.Add(offsets, alpha: 2).ToArray<long>().Should().Equal(0, 2, 4, 3, 5, 7);
        var act = () => rows.Add(offsets, alpha: 0.5);
        act.Should().Throw<TorchException>().WithMessage("*alpha must not be a floating point*", "PyTorch refuses a fractional alpha for integers too");
        torch.Tensor(new float[] { 1, 2 }).Sub(torch.Tensor(new float[] { 1, 1 }), alpha: 2.5).ToArray<float>().Should().Equal(-1.5f, -0.5f);
    }

    [Fact]
    public void Unary_functions_match_math()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Tensor(new double[] { -2, 0.5, 4 });

        x.Abs().ToArray<double>().Should().Equal(2, 0.5, 4);
        x.Sign().ToArray<double>().Should().Equal(-1, 1, 1);

        // libtorch's vectorized kernels and .NET's libm may round the last bit differently (libtorch
        // 2.x's sqrt differs from Math.Sqrt by 1 ULP), so transcendental results get 4 ULPs.
        ShouldBeWithinUlps(x.Exp().ToArray<double>(), Math.Exp(-2), Math.Exp(0.5), Math.Exp(4));
        ShouldBeWithinUlps(x.Abs().Log().ToArray<double>(), Math.Log(2), Math.Log(0.5), Math.Log(4));
        ShouldBeWithinUlps(x.Abs().Sqrt().ToArray<double>(), Math.Sqrt(2), Math.Sqrt(0.5), 2);
        x.Pow(2).ToArray<double>().Should().Equal(4, 0.25, 16);
        ShouldBeWithinUlps(torch.Pow(2, x).ToArray<double>(), 0.25, Math.Sqrt(2), 16);
        x.Clamp(-1, 1).ToArray<double>().Should().Equal(-1, 0.5, 1);
        x.Clamp(min: 0).ToArray<double>().Should().Equal(0, 0.5, 4);
        x.Clamp(max: 0).ToArray<double>().Should().Equal(-2, 0, 0);
    }

    [Fact]
    public void Matrix_products_have_the_right_values_and_shapes()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.Tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        var b = torch.Eye(2) * 2;

        a.MatMul(b).ToArray<float>().Should().Equal(2f, 4f, 6f, 8f);
        a.MatMul(a).ToArray<float>().Should().Equal(7f, 10f, 15f, 22f);
        var batch = torch.Stack([a, a]);
        batch.Bmm(batch).Shape.Should().Equal(2, 2, 2);
        torch.MatMul(batch, a).Select(0, 1).ToArray<float>().Should().Equal(7f, 10f, 15f, 22f);
    }

    [Fact]
    public void Comparisons_give_bool_tensors()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Tensor(new float[] { 1, 2, 3 });
        var y = torch.Tensor(new float[] { 3, 2, 1 });

        x.Eq(y).ToArray<bool>().Should().Equal(false, true, false);
        x.Ne(y).ToArray<bool>().Should().Equal(true, false, true);
        x.Lt(y).ToArray<bool>().Should().Equal(true, false, false);
        x.Le(2).ToArray<bool>().Should().Equal(true, true, false);
        x.Gt(y).ToArray<bool>().Should().Equal(false, false, true);
        x.Ge(2).ToArray<bool>().Should().Equal(false, true, true);
        (x.Gt(1) & x.Lt(3)).ToArray<bool>().Should().Equal(false, true, false);
        (!x.Gt(1)).ToArray<bool>().Should().Equal(true, false, false);
    }

    [Fact]
    public void Reductions_honour_dim_and_keepdim()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Tensor(new double[] { 1, 5, 3, 4, 2, 6 }, [2, 3]);

        x.Sum().Item<double>().Should().Be(21);
        x.Sum(1).ToArray<double>().Should().Equal(9, 12);
        x.Sum(0, keepDim: true).Shape.Should().Equal(1, 3);
        x.Mean(1).ToArray<double>().Should().Equal(3, 4);
        x.Var().Item<double>().Should().BeApproximately(3.5, 1e-12);
        x.Std(1, unbiased: false).ToArray<double>()[0].Should().BeApproximately(Math.Sqrt(8.0 / 3), 1e-12);
        x.Max().Item<double>().Should().Be(6);
        x.Min().Item<double>().Should().Be(1);
        var (values, indices) = x.Max(1);
        values.ToArray<double>().Should().Equal(5, 6);
        indices.ToArray<long>().Should().Equal(1L, 2L);
        x.Min(0, keepDim: true).Indices.Shape.Should().Equal(1, 3);
        x.ArgMax().Item<long>().Should().Be(5);
        x.ArgMin(1).ToArray<long>().Should().Equal(0L, 1L);
        var top = x.TopK(2, dim: 1);
        top.Values.ToArray<double>().Should().Equal(5, 3, 6, 4);
        top.Indices.ToArray<long>().Should().Equal(1L, 2L, 2L, 0L);
        torch.Tensor(new long[] { 1, 2 }).Sum().DType.Should().Be(ScalarType.Int64);
    }

    [Fact]
    public void Softmax_rows_sum_to_one_and_log_softmax_is_its_log()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Tensor(new double[] { 1, 2, 3, 1, 1, 1 }, [2, 3]);

        var p = x.Softmax(1);
        p.Sum(1).ToArray<double>().Should().AllSatisfy(v => v.Should().BeApproximately(1, 1e-12));
        p.Log().AllClose(x.LogSoftmax(1)).Should().BeTrue();
        p.ToArray<double>()[3].Should().BeApproximately(1.0 / 3, 1e-12);
    }

    [Fact]
    public void In_place_ops_modify_the_tensor_and_return_it()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Ones([3]);
        var y = torch.Tensor(new float[] { 1, 2, 3 });

        x.Add_(y, alpha: 2).Should().BeSameAs(x);
        x.ToArray<float>().Should().Equal(3f, 5f, 7f);
        x.Sub_(y).Mul_(2).Div_(2.0).ToArray<float>().Should().Equal(2f, 3f, 4f);
        x.Add_(1).Sub_(1).ToArray<float>().Should().Equal(2f, 3f, 4f);
        x.Mul_(y).ToArray<float>().Should().Equal(2f, 6f, 12f);
        x.AddCMul_(y, y, 0.5).ToArray<float>().Should().Equal(2.5f, 8f, 16.5f);
        x.Copy_(y).ToArray<float>().Should().Equal(1f, 2f, 3f);
        x.Clamp_(max: 2).ToArray<float>().Should().Equal(1f, 2f, 2f);
        x.Zero_().ToArray<float>().Should().Equal(0f, 0f, 0f);
        x.Fill_(1.5).ToArray<float>().Should().Equal(1.5f, 1.5f, 1.5f);
    }

    private static void ShouldBeWithinUlps(double[] actual, params double[] expected)
    {
        actual.Should().HaveSameCount(expected);
        for (var i = 0; i < expected.Length; i++)
        {
            var ulps = Math.Abs(BitConverter.DoubleToInt64Bits(actual[i]) - BitConverter.DoubleToInt64Bits(expected[i]));
            ulps.Should().BeLessThanOrEqualTo(4, $"element {i}: {actual[i]:R} vs {expected[i]:R}");
        }
    }
}
