using Crucible.Abstractions;
using Crucible.Host.Training;
using Crucible.Torch;

namespace Crucible.Host.Tests.Training;

/// <summary>
/// The validation holdout of a split in memory: the samples a seeded permutation picks, in its order,
/// the same as the holdout of a split read lazily, without a copy of the dataset.
/// </summary>
[Collection(GlobalState.Name)]
public sealed class ValidationHoldoutTests
{
    [Fact]
    public void The_parts_are_the_permuted_rows_as_views_of_the_reordered_split()
    {
        const int N = 50;
        using var scope = torch.NewDisposeScope();
        var features = torch.Arange(N * 3L, ScalarType.Float32).Reshape(N, 3);
        var targets = torch.Arange((long)N);
        var original = features.ToArray<float>();
        torch.ManualSeed(7);
        var (trainIndex, validationIndex) = ValidationHoldout.Indices(N, 0.2, Device.Cpu);
        using var split = new DataSplit(features, targets);

        torch.ManualSeed(7);
        var (train, validation) = ValidationHoldout.Split(split, 0.2);
        split.Dispose();

        using (train)
        using (validation)
        {
            validationIndex.Should().HaveCount(10);
            train.Targets.ToArray<long>().Should().Equal(trainIndex);
            validation.Targets.ToArray<long>().Should().Equal(validationIndex);
            train.Features.ToArray<float>().Should().Equal(trainIndex.SelectMany(i => original.Skip((int)i * 3).Take(3)));
            validation.Features.ToArray<float>().Should().Equal(validationIndex.SelectMany(i => original.Skip((int)i * 3).Take(3)));
            train.Features.IsContiguous.Should().BeTrue();
            train.Features.Shape.Should().Equal(40, 3);
        }
    }
}
