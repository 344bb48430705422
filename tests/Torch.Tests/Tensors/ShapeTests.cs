namespace Crucible.Torch.Tests.Tensors;

public class ShapeTests
{
    private static Tensor Range6() => torch.Arange(6.0, 12.0).Reshape(2, 3);

    [Fact]
    public void Views_and_reshapes_rearrange_elements_like_pytorch()
    {
        using var scope = torch.NewDisposeScope();
        var x = Range6();

        x.View(3, 2).Shape.Should().Equal(3, 2);
        x.Reshape(-1).Shape.Should().Equal(6);
        x.Unsqueeze(0).Shape.Should().Equal(1, 2, 3);
        x.Unsqueeze(0).Squeeze().Shape.Should().Equal(2, 3);
        x.Unsqueeze(1).Squeeze(1).Shape.Should().Equal(2, 3);
        x.Unsqueeze(0).Unsqueeze(-1).Flatten(1).Shape.Should().Equal(1, 6);
        x.Transpose(0, 1).Contiguous().ToArray<float>().Should().Equal(6f, 9f, 7f, 10f, 8f, 11f);
        x.T().IsContiguous.Should().BeFalse();
        x.Unsqueeze(0).Permute(2, 0, 1).Shape.Should().Equal(3, 1, 2);
        x[1].ToArray<float>().Should().Equal(9f, 10f, 11f);
        x.Flip(1).ToArray<float>().Should().Equal(8f, 7f, 6f, 11f, 10f, 9f);
    }

    [Fact]
    public void Joining_and_splitting_are_inverse()
    {
        using var scope = torch.NewDisposeScope();
        var x = Range6();

        var parts = x.Split(2, dim: 1);
        parts.Select(p => p.Size(1)).Should().Equal(2, 1);
        torch.Cat(parts, 1).Equal(x).Should().BeTrue();
        x.Split([1L, 2L], 1).Select(p => p.Size(1)).Should().Equal(1, 2);
        var chunks = x.Chunk(2, 0);
        chunks.Should().HaveCount(2);
        torch.Stack(chunks, 0).Shape.Should().Equal(2, 1, 3);
        torch.Cat([x, x]).Shape.Should().Equal(4, 3);
    }

    [Fact]
    public void Narrow_and_slices_pick_the_same_elements_as_python_slicing()
    {
        using var scope = torch.NewDisposeScope();
        var v = torch.Arange(10);

        v.Narrow(0, 2, 3).ToArray<long>().Should().Equal(2L, 3L, 4L);
        v.Slice(0, 1, 8, 3).ToArray<long>().Should().Equal(1L, 4L, 7L);
        v.Slice(0, -3).ToArray<long>().Should().Equal(7L, 8L, 9L);
        v[2..5].ToArray<long>().Should().Equal(2L, 3L, 4L);
        v[^2..].ToArray<long>().Should().Equal(8L, 9L);
        v[v.Gt(6)].ToArray<long>().Should().Equal(7L, 8L, 9L);
    }

    [Fact]
    public void Index_gather_scatter_and_masks_follow_pytorch_semantics()
    {
        using var scope = torch.NewDisposeScope();
        var x = Range6();
        var idx = torch.Tensor(new long[] { 2, 0 });

        x.IndexSelect(1, idx).ToArray<float>().Should().Equal(8f, 6f, 11f, 9f);
        x.Gather(1, torch.Tensor(new long[] { 0, 2 }, [2, 1])).ToArray<float>().Should().Equal(6f, 11f);
        torch.Zeros([2, 3]).Scatter(1, torch.Tensor(new long[] { 1, 0 }, [2, 1]), 5.0).ToArray<float>()
            .Should().Equal(0f, 5f, 0f, 5f, 0f, 0f);
        torch.Zeros([3]).Scatter(0, idx, torch.Tensor(new float[] { 1, 2 })).ToArray<float>().Should().Equal(2f, 0f, 1f);
        x.MaskedFill(x.Gt(8.0), -1.0).ToArray<float>().Should().Equal(6f, 7f, 8f, -1f, -1f, -1f);
        torch.Where(x.Lt(7.0), x, torch.ZerosLike(x)).ToArray<float>().Should().Equal(6f, 0f, 0f, 0f, 0f, 0f);
        torch.Tensor(new long[] { 0, 2 }).OneHot(3).ToArray<long>().Should().Equal(1L, 0L, 0L, 0L, 0L, 1L);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(1000)]
    public void PermuteRows_reorders_rows_in_place_as_index_select_does(int n)
    {
        using var scope = torch.NewDisposeScope();
        var order = Enumerable.Range(0, n).Select(i => (long)i).ToArray();
        new Random(n).Shuffle(order);
        var index = torch.Tensor(order);
        var features = torch.Arange(n * 6L, ScalarType.Float32).Reshape(n, 2, 3);
        var labels = torch.Arange((long)n);
        var expectedFeatures = features.IndexSelect(0, index).ToArray<float>();
        var expectedLabels = labels.IndexSelect(0, index).ToArray<long>();

        features.PermuteRows_(index).Should().BeSameAs(features);
        labels.PermuteRows_(index);

        features.ToArray<float>().Should().Equal(expectedFeatures);
        labels.ToArray<long>().Should().Equal(expectedLabels);
        features.Shape.Should().Equal(n, 2, 3);
    }

    [Fact]
    public void PermuteRows_of_a_view_that_is_not_contiguous_gathers()
    {
        using var scope = torch.NewDisposeScope();
        var x = Range6().T();
        var index = torch.Tensor(new long[] { 2, 0, 1 });
        var expected = x.IndexSelect(0, index).ToArray<float>();

        x.PermuteRows_(index);

        x.ToArray<float>().Should().Equal(expected);
    }

    [Fact]
    public void PermuteRows_refuses_an_index_that_is_not_a_permutation()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Arange(3L);

        x.Invoking(t => t.PermuteRows_(torch.Tensor(new long[] { 0, 0, 1 }))).Should().Throw<TorchException>().WithMessage("*out of range or repeated*");
        x.Invoking(t => t.PermuteRows_(torch.Tensor(new long[] { 0, 1, 3 }))).Should().Throw<TorchException>().WithMessage("*out of range or repeated*");
        x.Invoking(t => t.PermuteRows_(torch.Tensor(new long[] { 0, 1 }))).Should().Throw<TorchException>().WithMessage("*permutation of the 3 rows*");
        x.ToArray<long>().Should().Equal(0L, 1L, 2L);
    }

    [Fact]
    public void Expand_broadcasts_without_copying_and_repeat_copies()
    {
        using var scope = torch.NewDisposeScope();
        var col = torch.Tensor(new float[] { 1, 2 }, [2, 1]);

        col.Expand(2, 3).ToArray<float>().Should().Equal(1f, 1f, 1f, 2f, 2f, 2f);
        col.Expand(-1, 2).Strides.Should().Equal(1, 0);
        col.Repeat(2, 2).Shape.Should().Equal(4, 2);
        col.ExpandAs(torch.Zeros([2, 4])).Shape.Should().Equal(2, 4);
    }
}
