using Crucible.Torch.Nn;

namespace Crucible.Torch.Tests.Nn;

/// <summary>
/// A linear layer on one row without gradients (a served request) runs as a matrix-vector product in
/// the shim instead of a gemm that packs the whole weight matrix: the same values as that row inside
/// a batch (to float rounding), with or without bias, in float and double; with gradients on it is
/// at::linear, whose backward is intact.
/// </summary>
public sealed class SingleRowLinearTests
{
    private const int In = 37;
    private const int Out = 23;

    [Theory]
    [InlineData(ScalarType.Float32, true)]
    [InlineData(ScalarType.Float32, false)]
    [InlineData(ScalarType.Float64, true)]
    [InlineData(ScalarType.Float64, false)]
    public void One_row_without_gradients_gives_the_values_of_that_row_in_a_batch(ScalarType dtype, bool withBias)
    {
        using var scope = torch.NewDisposeScope();
        var weight = torch.Tensor(Values(Out * In, 0.37), [Out, In]).To(dtype);
        var bias = withBias ? torch.Tensor(Values(Out, 1.3), [Out]).To(dtype) : null;
        var rows = torch.Tensor(Values(3 * In, 2.1), [3, In]).To(dtype);
        using var noGrad = torch.NoGrad();

        var batch = F.Linear(rows, weight, bias).To(ScalarType.Float64).ToArray<double>();
        for (var r = 0; r < 3; r++)
        {
            var one = F.Linear(rows.Slice(0, r, r + 1), weight, bias);

            one.Shape.Should().Equal(1, Out);
            one.DType.Should().Be(dtype);
            one.To(ScalarType.Float64).ToArray<double>().Should().Equal(batch.Skip(r * Out).Take(Out), (a, b) => Math.Abs(a - b) <= 1e-5 * Math.Max(1, Math.Abs(b)));
        }
    }

    [Fact]
    public void One_row_with_gradients_keeps_its_backward()
    {
        using var scope = torch.NewDisposeScope();
        var weight = torch.Tensor(Values(Out * In, 0.37), [Out, In], requiresGrad: true);
        var bias = torch.Tensor(Values(Out, 1.3), [Out], requiresGrad: true);
        var row = torch.Tensor(Values(In, 2.1), [1, In]);

        F.Linear(row, weight, bias).Sum().Backward();

        // d(sum(W x + b))/dW = 1 x^T for every output, and 1 for every bias entry.
        var x = row.ToArray<float>();
        weight.Grad!.ToArray<float>().Should().Equal(Enumerable.Range(0, Out).SelectMany(_ => x));
        bias.Grad!.ToArray<float>().Should().OnlyContain(g => g == 1f);
    }

    /// <summary>Deterministic values in [-1, 1) without libtorch's generator.</summary>
    private static float[] Values(int count, double step) =>
        Enumerable.Range(0, count).Select(i => (float)(((i * step) % 2.0) - 1.0)).ToArray();
}
