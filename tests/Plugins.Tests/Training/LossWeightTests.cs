using System.ComponentModel.DataAnnotations;
using Crucible.Abstractions;
using Crucible.Plugins.Training.Losses;
using Crucible.Torch;
using Crucible.Torch.Nn;
using Losses = Crucible.Plugins.Training.Losses;
using Nn = Crucible.Torch.Nn;

namespace Crucible.Plugins.Tests.Training;

public class LossWeightTests
{
    private static readonly LossContext ThreeClasses = new()
    {
        Dataset = new DatasetMetadata { Name = "three", FeatureShape = [2], TaskKind = TaskKind.Classification, NumClasses = 3, OutputSize = 3 },
    };

    private static readonly LossContext Binary = new()
    {
        Dataset = new DatasetMetadata { Name = "binary", FeatureShape = [2], TaskKind = TaskKind.Classification, NumClasses = 2, OutputSize = 1 },
    };

    [Fact]
    public void Class_weights_reach_cross_entropy_and_nll()
    {
        using var scope = torch.NewDisposeScope();
        var logits = torch.Tensor<float>([2f, 0.5f, -1f, 0.1f, 0.2f, 3f, -0.5f, 1f, 0f], [3, 3]);
        var target = torch.Tensor<long>([0L, 2L, 1L]);
        var weight = torch.Tensor<float>([0.2f, 1f, 5f]);

        var ce = new Losses.CrossEntropyLoss().Create(new CrossEntropyLossOptions { Weight = [0.2, 1, 5] }, ThreeClasses).Forward(logits, target).Item<float>();
        var nll = new NllLoss().Create(new NllLossOptions { Weight = [0.2, 1, 5] }, ThreeClasses).Forward(logits.LogSoftmax(1), target).Item<float>();
        var unweighted = new Losses.CrossEntropyLoss().Create(new CrossEntropyLossOptions(), ThreeClasses).Forward(logits, target).Item<float>();

        ce.Should().Be(new Nn.CrossEntropyLoss(weight).Forward(logits, target).Item<float>());
        nll.Should().BeApproximately(ce, 1e-6f);
        ce.Should().NotBeApproximately(unweighted, 1e-3f);
    }

    [Fact]
    public void Positive_and_output_weights_reach_bce()
    {
        using var scope = torch.NewDisposeScope();
        var logits = torch.Tensor<float>([0.3f, -1.2f, 2f, 0.1f], [4, 1]);
        var target = torch.Tensor<float>([1f, 0f, 1f, 1f], [4, 1]);

        var withLogits = new BceWithLogitsLoss().Create(new BceWithLogitsLossOptions { Weight = [0.5], PosWeight = [3] }, Binary).Forward(logits, target).Item<float>();
        var probabilities = new BceLoss().Create(new BceLossOptions { Weight = [0.5] }, Binary).Forward(logits.Sigmoid(), target).Item<float>();

        withLogits.Should().Be(new BCEWithLogitsLoss(torch.Tensor<float>([0.5f]), posWeight: torch.Tensor<float>([3f])).Forward(logits, target).Item<float>());
        probabilities.Should().BeApproximately(new BCELoss().Forward(logits.Sigmoid(), target).Item<float>() * 0.5f, 1e-6f);
    }

    [Fact]
    public void A_weight_list_of_the_wrong_length_names_what_it_needs()
    {
        new Losses.CrossEntropyLoss().Invoking(p => p.Create(new CrossEntropyLossOptions { Weight = [1, 2] }, ThreeClasses))
            .Should().Throw<ExperimentConfigException>().WithMessage("*cross-entropy*one weight per class (3 for dataset 'three'), got 2*");
        new BceWithLogitsLoss().Invoking(p => p.Create(new BceWithLogitsLossOptions { PosWeight = [1, 2] }, Binary))
            .Should().Throw<ExperimentConfigException>().WithMessage("*posWeight*model output (1*got 2*");
    }

    [Fact]
    public void Negative_weights_are_invalid()
    {
        var options = new NllLossOptions { Weight = [1, -0.5, 1] };
        var results = new List<ValidationResult>();

        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true).Should().BeFalse();
        results.Should().ContainSingle().Which.ErrorMessage.Should().Contain("-0.5");
        var valid = new NllLossOptions { Weight = [1, 0, 2] };
        Validator.TryValidateObject(valid, new ValidationContext(valid), [], validateAllProperties: true).Should().BeTrue();
    }
}
