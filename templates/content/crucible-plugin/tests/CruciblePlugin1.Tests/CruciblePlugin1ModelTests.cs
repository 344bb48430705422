using Crucible.Abstractions;
using Crucible.Torch;
using Xunit;

namespace CruciblePlugin1.Tests;

public sealed class CruciblePlugin1ModelTests
{
    [Fact]
    public void The_model_maps_a_batch_of_samples_to_the_datasets_output_size()
    {
        var model = new CruciblePlugin1Model();
        var context = new ModelContext
        {
            Dataset = new DatasetMetadata { Name = "xor", FeatureShape = [2], TaskKind = TaskKind.Regression, OutputSize = 1 },
        };

        using var module = model.Create(new CruciblePlugin1Options { Hidden = 4 }, context);
        using var input = torch.Zeros([3, 2]);
        using var output = module.Forward(input);

        Assert.Equal(new long[] { 3, 1 }, output.Shape);
        Assert.Equal(2 * 4 + 4 + 4 * 1 + 1, module.ParameterCount);
    }
}
