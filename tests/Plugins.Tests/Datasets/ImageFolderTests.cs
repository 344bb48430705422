using Crucible.Abstractions;
using Crucible.Plugins.Datasets.ImageFolder;
using Crucible.Torch;
using SkiaSharp;

namespace Crucible.Plugins.Tests.Datasets;

public sealed class ImageFolderTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("crucible-imgfolder-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private DatasetContext Context(long seed = 42) => new()
    {
        ExperimentDirectory = root,
        CacheDirectory = Path.Combine(root, "cache"),
        Seed = seed,
    };

    /// <summary>Writes a width x height image whose pixel (x, y) has the colour <paramref name="color"/> gives.</summary>
    internal static void WriteImage(string path, int width, int height, Func<int, int, SKColor> color, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, color(x, y));
            }
        }

        using var data = bitmap.Encode(format, 100);
        File.WriteAllBytes(path, data.ToArray());
    }

    private static SKColor Gray(byte v) => new(v, v, v);

    /// <summary>Every sample of a lazily read split, in index order: features and class indices.</summary>
    private static (float[] Features, long[] Labels) ReadAll(ISampleSource source, LoadedDataset data)
    {
        var size = (int)data.Metadata.FeatureShape.Aggregate(1L, (a, b) => a * b);
        var features = new float[source.Count * size];
        var labels = new long[source.Count];
        var target = new float[1];
        for (var i = 0; i < source.Count; i++)
        {
            source.Read(i, features.AsSpan((int)i * size, size), target);
            labels[i] = (long)target[0];
        }

        return (features, labels);
    }

    [Fact]
    public void Split_folders_give_the_splits_classes_in_name_order_and_exact_gray_pixels()
    {
        WriteImage(Path.Combine(root, "train", "b", "1.png"), 4, 3, (x, y) => Gray((byte)((10 * y) + x)));
        WriteImage(Path.Combine(root, "train", "a", "1.png"), 4, 3, (_, _) => Gray(255));
        WriteImage(Path.Combine(root, "train", "a", "sub", "2.PNG"), 4, 3, (_, _) => Gray(0));
        WriteImage(Path.Combine(root, "val", "b", "1.png"), 4, 3, (_, _) => Gray(51));
        WriteImage(Path.Combine(root, "test", "a", "1.png"), 4, 3, (_, _) => Gray(102));
        File.WriteAllText(Path.Combine(root, "train", "a", "notes.txt"), "not an image");

        using var data = new ImageFolderDataset().Load(new ImageFolderDatasetOptions { Directory = root, Channels = 1 }, Context());

        data.Metadata.ClassNames.Should().Equal("a", "b");
        (data.Metadata.NumClasses, data.Metadata.OutputSize, data.Metadata.TaskKind).Should().Be((2, 2, TaskKind.Classification));
        data.Metadata.FeatureShape.Should().Equal(1L, 3L, 4L);
        data.Train.Should().BeNull("an image folder is read lazily, never held in memory");
        var (train, labels) = ReadAll(data.TrainSource!, data);
        labels.Should().Equal(0, 0, 1);
        train[..12].Should().AllSatisfy(v => v.Should().Be(1f));
        train[12..24].Should().AllSatisfy(v => v.Should().Be(0f));
        train[24..].Should().Equal(Enumerable.Range(0, 12).Select(i => (float)((10 * (i / 4)) + (i % 4)) / 255f), (a, b) => Math.Abs(a - b) < 1e-6);
        ReadAll(data.ValidationSource!, data).Features.Should().HaveCount(12).And.AllSatisfy(v => v.Should().BeApproximately(0.2f, 1e-6f));
        ReadAll(data.TestSource!, data).Labels.Should().Equal(0);
        data.Metadata.FeatureScaling!.Offset.Should().Equal(0.0);
        data.Metadata.FeatureScaling.Scale.Should().Equal(255.0);
        data.Metadata.Schema.Should().Contain("mlflow_tensorspec").And.Contain("classes");
        data.Metadata.Digest.Should().HaveLength(64);
    }

    [Fact]
    public void Rgb_channels_are_normalized_with_their_own_mean_and_std()
    {
        WriteImage(Path.Combine(root, "red", "1.png"), 2, 2, (_, _) => new SKColor(255, 0, 51));
        var options = new ImageFolderDatasetOptions { Directory = root, Mean = [0.5, 0.0, 0.2], Std = [0.5, 1.0, 0.1] };

        using var data = new ImageFolderDataset().Load(options, Context());

        var x = ReadAll(data.TrainSource!, data).Features;
        data.Metadata.FeatureShape.Should().Equal(3L, 2L, 2L);
        x[..4].Should().AllSatisfy(v => v.Should().BeApproximately(1f, 1e-5f));
        x[4..8].Should().AllSatisfy(v => v.Should().BeApproximately(0f, 1e-6f));
        x[8..].Should().AllSatisfy(v => v.Should().BeApproximately(0f, 1e-5f));
        data.Metadata.FeatureScaling!.Offset.Should().Equal([127.5, 0.0, 51.0], (a, b) => Math.Abs(a - b) < 1e-9);
    }

    [Fact]
    public void Color_becomes_gray_as_pil_converts_it()
    {
        WriteImage(Path.Combine(root, "c", "1.png"), 1, 1, (_, _) => new SKColor(200, 100, 50));

        using var data = new ImageFolderDataset().Load(new ImageFolderDatasetOptions { Directory = root, Channels = 1, Mean = [0], Std = [1 / 255.0] }, Context());

        // PIL: L = 200 * 299/1000 + 100 * 587/1000 + 50 * 114/1000 = 124.2 -> 124.
        ReadAll(data.TrainSource!, data).Features.Single().Should().BeApproximately(124f, 1e-3f);
    }

    [Fact]
    public void Jpeg_files_decode()
    {
        WriteImage(Path.Combine(root, "x", "1.jpg"), 8, 8, (_, _) => Gray(200), SKEncodedImageFormat.Jpeg);
        WriteImage(Path.Combine(root, "y", "1.JPEG"), 8, 8, (_, _) => Gray(20), SKEncodedImageFormat.Jpeg);

        using var data = new ImageFolderDataset().Load(new ImageFolderDatasetOptions { Directory = root, Channels = 1 }, Context());

        var x = ReadAll(data.TrainSource!, data).Features;
        x[..64].Should().AllSatisfy(v => v.Should().BeApproximately(200 / 255f, 2 / 255f));
        x[64..].Should().AllSatisfy(v => v.Should().BeApproximately(20 / 255f, 2 / 255f));
    }

    [Fact]
    public void Resize_keeps_the_aspect_ratio_and_the_center_crop_takes_the_middle()
    {
        // 40 x 20: left half black, right half white; shorter side 20 -> 10 gives 20 x 10; the crop 10 x 10
        // in the middle straddles the edge: 5 black columns then 5 white.
        WriteImage(Path.Combine(root, "k", "1.png"), 40, 20, (x, _) => Gray(x < 20 ? (byte)0 : (byte)255));

        using var data = new ImageFolderDataset().Load(new ImageFolderDatasetOptions { Directory = root, Channels = 1, Resize = [10], Crop = [10] }, Context());

        data.Metadata.FeatureShape.Should().Equal(1L, 10L, 10L);
        var x = ReadAll(data.TrainSource!, data).Features;
        for (var row = 0; row < 10; row++)
        {
            x[(row * 10)..((row * 10) + 4)].Should().AllSatisfy(v => v.Should().BeLessThan(0.05f));
            x[((row * 10) + 6)..((row * 10) + 10)].Should().AllSatisfy(v => v.Should().BeGreaterThan(0.95f));
        }
    }

    [Fact]
    public void Exact_resize_brings_images_of_different_sizes_to_one_shape()
    {
        WriteImage(Path.Combine(root, "a", "1.png"), 30, 20, (_, _) => Gray(9));
        WriteImage(Path.Combine(root, "b", "1.png"), 7, 9, (_, _) => Gray(9));

        using var data = new ImageFolderDataset().Load(new ImageFolderDatasetOptions { Directory = root, Resize = [8, 6] }, Context());

        data.Metadata.FeatureShape.Should().Equal(3L, 8L, 6L);
        ReadAll(data.TrainSource!, data).Features.Should().HaveCount(2 * 3 * 8 * 6).And.AllSatisfy(v => v.Should().BeApproximately(9 / 255f, 1e-6f));
    }

    [Fact]
    public void Images_of_different_sizes_without_resize_or_crop_name_the_odd_file()
    {
        WriteImage(Path.Combine(root, "a", "1.png"), 5, 5, (_, _) => Gray(9));
        WriteImage(Path.Combine(root, "b", "odd.png"), 6, 5, (_, _) => Gray(9));

        using var data = new ImageFolderDataset().Load(new ImageFolderDatasetOptions { Directory = root }, Context());

        var act = () => data.TrainSource!.Read(1, new float[3 * 5 * 5], new float[1]);
        act.Should().Throw<DatasetException>().WithMessage("'*odd.png' is 6x5*first training image is 5x5*resize*");
    }

    [Fact]
    public void Fractions_split_one_pool_by_the_seed_into_disjoint_parts()
    {
        for (var i = 0; i < 20; i++)
        {
            WriteImage(Path.Combine(root, i % 2 == 0 ? "even" : "odd", $"{i:D2}.png"), 1, 1, (_, _) => Gray((byte)i));
        }

        var options = new ImageFolderDatasetOptions { Directory = root, Channels = 1, TestFraction = 0.2, ValidationFraction = 0.1, Mean = [0], Std = [1 / 255.0] };
        using var a = new ImageFolderDataset().Load(options, Context(1));
        using var b = new ImageFolderDataset().Load(options, Context(1));
        using var c = new ImageFolderDataset().Load(options, Context(2));

        (a.TrainSource!.Count, a.ValidationSource!.Count, a.TestSource!.Count).Should().Be((14, 2, 4));
        var values = new[] { a.TrainSource, a.ValidationSource, a.TestSource }.SelectMany(s => ReadAll(s, a).Features).Select(v => (int)Math.Round(v)).ToArray();
        values.Should().BeEquivalentTo(Enumerable.Range(0, 20));
        ReadAll(b.TestSource!, b).Features.Should().Equal(ReadAll(a.TestSource, a).Features);
        ReadAll(c.TestSource!, c).Features.Should().NotEqual(ReadAll(a.TestSource, a).Features);
        var (pixels, labels) = ReadAll(a.TrainSource, a);
        labels.Should().Equal(pixels.Select(v => (long)Math.Round(v) % 2));
    }

    [Fact]
    public void A_corrupt_image_names_the_file_and_the_sample_index()
    {
        WriteImage(Path.Combine(root, "a", "1.png"), 3, 3, (_, _) => Gray(1));
        WriteImage(Path.Combine(root, "a", "2.png"), 3, 3, (_, _) => Gray(1));
        File.WriteAllBytes(Path.Combine(root, "a", "3.png"), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

        // Loading decodes nothing (the digest reads the bytes only), so the corrupt file shows when it is read.
        using var data = new ImageFolderDataset().Load(new ImageFolderDatasetOptions { Directory = root, Channels = 1 }, Context());

        data.TrainSource!.Read(1, new float[9], new float[1]);
        var act = () => data.TrainSource.Read(2, new float[9], new float[1]);
        act.Should().Throw<DatasetException>().WithMessage("'*a/3.png' is not a PNG or JPEG image*");
    }

    [Fact]
    public void A_truncated_png_names_the_file_and_the_sample_index()
    {
        WriteImage(Path.Combine(root, "a", "1.png"), 16, 16, (_, _) => Gray(1));
        var path = Path.Combine(root, "b", "cut.png");
        WriteImage(path, 64, 64, (x, y) => Gray((byte)((x * 7) ^ (y * 13))));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        using var data = new ImageFolderDataset().Load(new ImageFolderDatasetOptions { Directory = root, Channels = 1, Resize = [16, 16] }, Context());

        var act = () => data.TrainSource!.Read(1, new float[256], new float[1]);
        act.Should().Throw<DatasetException>().WithMessage("'*b/cut.png' is truncated*");
    }

    [Fact]
    public void A_validation_class_that_train_lacks_is_refused()
    {
        WriteImage(Path.Combine(root, "train", "cat", "1.png"), 2, 2, (_, _) => Gray(1));
        WriteImage(Path.Combine(root, "val", "dog", "1.png"), 2, 2, (_, _) => Gray(1));

        var act = () => new ImageFolderDataset().Load(new ImageFolderDatasetOptions { Directory = root }, Context());

        act.Should().Throw<DatasetException>().WithMessage("*val' has the class folder(s) 'dog' that train/ does not have*cat*");
    }

    [Fact]
    public void An_empty_class_folder_or_loose_images_are_refused_with_what_would_be_right()
    {
        Directory.CreateDirectory(Path.Combine(root, "empty"));
        WriteImage(Path.Combine(root, "full", "1.png"), 2, 2, (_, _) => Gray(1));
        var empty = () => new ImageFolderDataset().Load(new ImageFolderDatasetOptions { Directory = root }, Context());
        empty.Should().Throw<DatasetException>().WithMessage("The class folder '*empty' (the image folder) has no .png, .jpg or .jpeg files.");

        var loose = Path.Combine(root, "loose");
        WriteImage(Path.Combine(loose, "1.png"), 2, 2, (_, _) => Gray(1));
        var act = () => new ImageFolderDataset().Load(new ImageFolderDatasetOptions { Directory = loose }, Context());
        act.Should().Throw<DatasetException>().WithMessage("*has no class folders (its images lie directly in it*");
    }

    [Fact]
    public void A_crop_larger_than_the_image_is_refused()
    {
        WriteImage(Path.Combine(root, "a", "1.png"), 4, 4, (_, _) => Gray(1));

        using var data = new ImageFolderDataset().Load(new ImageFolderDatasetOptions { Directory = root, Crop = [5] }, Context());

        var act = () => data.TrainSource!.Read(0, new float[75], new float[1]);
        act.Should().Throw<DatasetException>().WithMessage("'*1.png' is 4x4*smaller than the crop (5x5)*");
    }

    [Fact]
    public void A_corrupt_first_image_fails_the_load_when_it_fixes_the_feature_shape()
    {
        File.WriteAllBytes(Path.Combine(Directory.CreateDirectory(Path.Combine(root, "a")).FullName, "1.png"), [0x89, 0x50, 0x4E, 0x47]);

        var act = () => new ImageFolderDataset().Load(new ImageFolderDatasetOptions { Directory = root }, Context());

        act.Should().Throw<DatasetException>().WithMessage("Sample 0 of the train split: '*a/1.png' is not a PNG or JPEG image*");
    }

    [Fact]
    public void A_random_crop_moves_from_read_to_read_the_same_way_for_a_seed_whatever_the_read_order()
    {
        // Every pixel holds its own column: a crop's first value tells where it was taken.
        for (var i = 0; i < 4; i++)
        {
            WriteImage(Path.Combine(root, "train", "a", $"{i}.png"), 20, 4, (x, _) => Gray((byte)x));
        }

        WriteImage(Path.Combine(root, "val", "a", "0.png"), 20, 4, (x, _) => Gray((byte)x));
        var options = new ImageFolderDatasetOptions { Directory = root, Channels = 1, Crop = [4, 4], CropMode = CropMode.Random, Mean = [0], Std = [1 / 255.0] };

        List<int> Lefts(LoadedDataset data, IEnumerable<int> order)
        {
            var features = new float[16];
            var lefts = new List<int>();
            foreach (var i in order)
            {
                data.TrainSource!.Read(i, features, new float[1]);
                lefts.Add((int)features[0]);
                features[..4].Should().Equal(Enumerable.Range((int)features[0], 4).Select(v => (float)v), (a, b) => Math.Abs(a - b) < 1e-3);
            }

            return lefts;
        }

        using var a = new ImageFolderDataset().Load(options, Context(7));
        using var b = new ImageFolderDataset().Load(options, Context(7));
        using var c = new ImageFolderDataset().Load(options, Context(8));
        var forward = Lefts(a, [0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3]);
        var backward = Lefts(b, [3, 2, 1, 0, 3, 2, 1, 0, 3, 2, 1, 0]);

        // Read n of sample i crops at the same place in both orders.
        for (var n = 0; n < 3; n++)
        {
            for (var i = 0; i < 4; i++)
            {
                backward[(n * 4) + 3 - i].Should().Be(forward[(n * 4) + i]);
            }
        }

        forward.Distinct().Should().HaveCountGreaterThan(3, "crops move between reads and samples");
        Lefts(c, [0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3]).Should().NotEqual(forward, "another seed draws other crops");
        var validation = new float[16];
        a.ValidationSource!.Read(0, validation, new float[1]);
        validation[0].Should().BeApproximately(8, 1e-3f, "validation images are cropped in the middle");
    }

    [Fact]
    public void The_digest_follows_the_files_and_the_preprocessing_not_the_folder_location()
    {
        WriteImage(Path.Combine(root, "one", "a", "1.png"), 3, 3, (x, y) => Gray((byte)(x + y)));
        WriteImage(Path.Combine(root, "one", "b", "1.png"), 3, 3, (_, _) => Gray(7));
        var copy = Path.Combine(root, "copy");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "one"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(Path.Combine(root, "one"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        string Digest(string folder, double[]? mean = null)
        {
            using var data = new ImageFolderDataset().Load(new ImageFolderDatasetOptions { Directory = folder, Mean = mean }, Context());
            return data.Metadata.Digest;
        }

        var original = Digest(Path.Combine(root, "one"));
        original.Should().HaveLength(64);
        Digest(copy).Should().Be(original);
        Digest(copy, mean: [0.5]).Should().NotBe(original);
        WriteImage(Path.Combine(copy, "b", "1.png"), 3, 3, (_, _) => Gray(8));
        Digest(copy).Should().NotBe(original);
    }
}
