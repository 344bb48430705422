using System.ComponentModel.DataAnnotations;
using Crucible.Abstractions;
using Crucible.Plugins.Datasets.Augmentation;
using Crucible.Plugins.Datasets.Idx;
using Crucible.Torch;

namespace Crucible.Plugins.Tests.Datasets;

[Collection(GlobalState.Name)]
public sealed class AugmentationTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("crucible-aug-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    [Fact]
    public void Every_step_together_keeps_shape_and_dtype_and_leaves_the_input_alone()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(1);
        var x = torch.Rand([16, 3, 12, 10]);
        var before = x.Clone();
        var all = Transform(new AugmentationOptions
        {
            RandomCrop = new RandomCropOptions { Padding = 2 },
            HorizontalFlip = 0.5,
            VerticalFlip = 0.5,
            Rotation = 15,
            Translate = 0.1,
            Scale = [0.9, 1.1],
            Noise = 0.05,
        });

        var y = all.Apply(x);

        y.Shape.Should().Equal(16, 3, 12, 10);
        y.DType.Should().Be(ScalarType.Float32);
        y.Equal(x).Should().BeFalse();
        x.Equal(before).Should().BeTrue("the caller's batch is never modified");
    }

    [Fact]
    public void Horizontal_flip_mirrors_exactly_the_images_the_generator_chose()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Randn([64, 2, 5, 7]);
        var flip = Transform(new AugmentationOptions { HorizontalFlip = 0.5 });

        torch.ManualSeed(11);
        var y = flip.Apply(x);
        torch.ManualSeed(11);
        var expectedChoice = torch.Rand([64]).Lt(0.5).ToArray<bool>();

        var mirrored = x.Flip(3);
        var flipped = Enumerable.Range(0, 64).Select(i => y.Select(0, i).Equal(mirrored.Select(0, i))).ToArray();
        var kept = Enumerable.Range(0, 64).Select(i => y.Select(0, i).Equal(x.Select(0, i))).ToArray();
        kept.Zip(flipped).Should().AllSatisfy(p => (p.First ^ p.Second).Should().BeTrue("each image is either itself or its mirror"));
        flipped.Should().Equal(expectedChoice);
        flipped.Count(f => f).Should().BeInRange(16, 48);
    }

    [Fact]
    public void Flip_probability_one_mirrors_every_image_and_vertical_flip_turns_rows_over()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Randn([8, 1, 4, 6]);
        Transform(new AugmentationOptions { HorizontalFlip = 1 }).Apply(x).Equal(x.Flip(3)).Should().BeTrue();
        Transform(new AugmentationOptions { VerticalFlip = 1 }).Apply(x).Equal(x.Flip(2)).Should().BeTrue();
    }

    [Fact]
    public void Random_crop_shifts_the_content_by_at_most_the_padding_and_fills_with_the_fill_value()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(3);
        const int Size = 9, Centre = 4, Padding = 2;
        var dot = torch.Zeros([40, 1, Size, Size]);
        dot.Select(2, Centre).Select(2, Centre).Fill_(1);
        var crop = Transform(new AugmentationOptions { RandomCrop = new RandomCropOptions { Padding = Padding } });

        var y = crop.Apply(dot).ToArray<float>();

        var shifts = new HashSet<(int, int)>();
        for (var i = 0; i < 40; i++)
        {
            var image = y.AsSpan(i * Size * Size, Size * Size);
            image.ToArray().Sum().Should().Be(1f, "cropping copies pixels, it does not interpolate");
            var at = image.IndexOf(1f);
            var (dy, dx) = ((at / Size) - Centre, (at % Size) - Centre);
            Math.Abs(dy).Should().BeLessThanOrEqualTo(Padding);
            Math.Abs(dx).Should().BeLessThanOrEqualTo(Padding);
            shifts.Add((dy, dx));
        }

        shifts.Count.Should().BeGreaterThan(5, "each image draws its own offset");

        var ones = torch.Ones([40, 1, 5, 5]);
        var filled = Transform(new AugmentationOptions { RandomCrop = new RandomCropOptions { Padding = 2 }, Fill = -0.5 }).Apply(ones).ToArray<float>();
        filled.Should().OnlyContain(v => v == 1f || v == -0.5f);
        filled.Should().Contain(-0.5f);
    }

    [Fact]
    public void Rotation_turns_each_image_about_its_centre_and_reads_the_fill_outside()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(5);
        var bar = torch.Zeros([32, 1, 11, 11]);
        bar.Select(2, 5).Narrow(2, 2, 7).Fill_(1);
        var rotate = Transform(new AugmentationOptions { Rotation = 90 });

        var y = rotate.Apply(bar);

        var centre = y.Select(2, 5).Select(2, 5).ToArray<float>();
        centre.Should().AllSatisfy(v => v.Should().BeApproximately(1f, 1e-4f, "the centre is the fixed point of a rotation"));
        var sums = y.Sum([1, 2, 3]).ToArray<float>();
        sums.Should().AllSatisfy(s => s.Should().BeInRange(7 * 0.6f, 7 * 1.4f, "a rotated bar keeps roughly its mass"));
        sums.Distinct().Count().Should().BeGreaterThan(16, "each image draws its own angle");

        var shifted = Transform(new AugmentationOptions { Translate = 0.5, Fill = -1 }).Apply(torch.Ones([16, 1, 8, 8])).ToArray<float>();
        shifted.Should().OnlyContain(v => v >= -1.0001f && v <= 1.0001f);
        shifted.Min().Should().BeApproximately(-1f, 1e-4f, "pixels shifted in from outside read the fill value");
    }

    [Fact]
    public void Noise_has_the_configured_standard_deviation()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(9);
        var y = Transform(new AugmentationOptions { Noise = 0.05 }).Apply(torch.Zeros([64, 1, 28, 28]));
        y.Std().Item<float>().Should().BeApproximately(0.05f, 0.001f);
        Math.Abs(y.Mean().Item<float>()).Should().BeLessThan(0.001f);
    }

    [Fact]
    public void The_same_seed_gives_the_same_augmented_batch_and_another_seed_does_not()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Rand([8, 1, 10, 10]);
        var all = Transform(new AugmentationOptions
        {
            RandomCrop = new RandomCropOptions { Padding = 3 },
            HorizontalFlip = 0.5,
            Rotation = 20,
            Scale = [0.8, 1.2],
            Noise = 0.1,
        });

        Tensor Run(long seed)
        {
            torch.ManualSeed(seed);
            return all.Apply(x);
        }

        Run(21).Equal(Run(21)).Should().BeTrue();
        Run(21).Equal(Run(22)).Should().BeFalse();
    }

    [Fact]
    public void Options_are_validated_with_messages_naming_what_is_wrong()
    {
        Problems(new AugmentationOptions { HorizontalFlip = 1.5 }).Should().ContainSingle().Which.MemberNames.Should().Equal("HorizontalFlip");
        Problems(new AugmentationOptions { Rotation = -5 }).Should().ContainSingle().Which.MemberNames.Should().Equal("Rotation");
        Problems(new AugmentationOptions { Noise = -0.1 }).Should().ContainSingle().Which.MemberNames.Should().Equal("Noise");
        Problems(new AugmentationOptions { RandomCrop = new RandomCropOptions { Padding = 0 } }).Should().ContainSingle().Which.MemberNames.Should().Equal("Padding");
        Problems(new AugmentationOptions { Scale = [1.2, 0.9] }).Should().ContainSingle().Which.ErrorMessage.Should().Be("must be [min, max] with 0 < min <= max <= 10, got [1.2, 0.9].");
        Problems(new AugmentationOptions { Scale = [1.1] }).Should().ContainSingle().Which.ErrorMessage.Should().Contain("two zoom factors, got 1 values");
        Problems(new AugmentationOptions()).Should().ContainSingle().Which.ErrorMessage.Should().StartWith("turns nothing on");
        Problems(new AugmentationOptions { HorizontalFlip = 0.5, Rotation = 10, Scale = [0.9, 1.1] }).Should().BeEmpty();
    }

    [Fact]
    public void Only_image_shaped_features_can_be_augmented()
    {
        var act = () => ImageAugmentation.Create(new AugmentationOptions { Noise = 0.1 }, [784], black: 0);
        act.Should().Throw<DatasetException>().WithMessage("*images [channels, height, width]*[784]*");
        ImageAugmentation.Create(null, [1, 28, 28], black: 0).Should().BeNull();
    }

    [Fact]
    public void Idx_augments_training_batches_filling_with_black_in_normalized_units()
    {
        var options = new IdxDatasetOptions
        {
            Directory = Path.GetDirectoryName(TestData.File("mnist/t10k-images-idx3-ubyte.gz")),
            TrainImages = "t10k-images-idx3-ubyte.gz",
            TrainLabels = "t10k-labels-idx1-ubyte.gz",
            TrainLimit = 64,
            TestLimit = 10,
            Normalization = PixelNormalization.Standardize,
        };
        using (var plain = new IdxDataset().Load(options, Context()))
        {
            plain.TrainTransform.Should().BeNull();
        }

        options.Augmentation = new AugmentationOptions { RandomCrop = new RandomCropOptions { Padding = 4 } };
        using var data = new IdxDataset().Load(options, Context());
        using var scope = torch.NewDisposeScope();
        var x = data.Train!.Features;
        var black = x.Min().Item<float>();
        black.Should().BeLessThan(0f, "standardized black is below the mean");

        var y = data.TrainTransform!.Apply(x);

        y.Shape.Should().Equal(64, 1, 28, 28);
        var seen = x.ToArray<float>().ToHashSet();
        y.ToArray<float>().Should().OnlyContain(v => seen.Contains(v), "padding is black, everything else is copied");
        y.Min().Item<float>().Should().Be(black);
    }

    private static ImageAugmentation Transform(AugmentationOptions options) => ImageAugmentation.Create(options, [1, 1, 1], black: 0)!;

    private static List<ValidationResult> Problems(AugmentationOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        if (options.RandomCrop is { } crop)
        {
            Validator.TryValidateObject(crop, new ValidationContext(crop), results, validateAllProperties: true);
        }

        return results;
    }

    private DatasetContext Context() => new()
    {
        ExperimentDirectory = temp,
        CacheDirectory = Path.Combine(temp, "cache"),
        DataRoot = TestData.Root,
        Seed = 42,
    };
}
