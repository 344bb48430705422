using Crucible.Abstractions;
using Crucible.Plugins.Datasets.Idx;

namespace Crucible.Plugins.Tests.Datasets;

public sealed class IdxStreamingTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("crucible-idx-streaming-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    [Theory]
    [InlineData(PixelNormalization.Unit)]
    [InlineData(PixelNormalization.Standardize)]
    public void Streaming_reads_the_values_labels_and_digest_of_the_in_memory_mode(PixelNormalization normalization)
    {
        using var memory = new IdxDataset().Load(Options(streaming: false, normalization), Context());
        using var streamed = new IdxDataset().Load(Options(streaming: true, normalization), Context());

        streamed.Train.Should().BeNull();
        streamed.TrainSource!.Count.Should().Be(300);
        streamed.TestSource!.Count.Should().Be(50);
        streamed.Metadata.Digest.Should().Be(memory.Metadata.Digest);
        streamed.Metadata.FeatureShape.Should().Equal(memory.Metadata.FeatureShape);
        streamed.Metadata.ClassNames.Should().Equal(memory.Metadata.ClassNames!);
        streamed.Metadata.FeatureScaling!.Offset.Should().Equal(memory.Metadata.FeatureScaling!.Offset);
        streamed.Metadata.FeatureScaling.Scale.Should().Equal(memory.Metadata.FeatureScaling.Scale);
        foreach (var (split, source) in new[] { (memory.Train!, streamed.TrainSource), (memory.Test!, streamed.TestSource) })
        {
            var pixels = split.Features.ToArray<float>();
            var labels = split.Targets.ToArray<long>();
            var features = new float[784];
            var target = new float[1];
            for (var i = 0; i < source.Count; i++)
            {
                source.Read(i, features, target);
                features.Should().Equal(pixels.AsSpan(i * 784, 784).ToArray());
                target[0].Should().Be(labels[i]);
            }
        }
    }

    [Fact]
    public void A_gzip_file_is_decompressed_once_into_the_cache()
    {
        using (new IdxDataset().Load(Options(streaming: true, PixelNormalization.Unit), Context()))
        {
        }

        var copies = Directory.GetFiles(Path.Combine(temp, "cache", "idx-raw"));
        copies.Should().HaveCount(2, "the two distinct gzip files (the test files serve as train and test) each get one copy");
        var written = copies.Select(File.GetLastWriteTimeUtc).ToArray();
        using (new IdxDataset().Load(Options(streaming: true, PixelNormalization.Unit), Context()))
        {
        }

        Directory.GetFiles(Path.Combine(temp, "cache", "idx-raw")).Should().BeEquivalentTo(copies);
        copies.Select(File.GetLastWriteTimeUtc).Should().Equal(written);
        Directory.GetFiles(Path.Combine(temp, "cache", "idx-raw"), "*.partial").Should().BeEmpty();
    }

    [Fact]
    public void A_short_file_names_the_file_and_the_first_sample_it_cuts()
    {
        var folder = Directory.CreateDirectory(Path.Combine(temp, "short")).FullName;
        Write(Path.Combine(folder, "train-images"), [5, 2, 2], 13);
        Write(Path.Combine(folder, "train-labels"), [5], 5);
        Write(Path.Combine(folder, "test-images"), [1, 2, 2], 4);
        Write(Path.Combine(folder, "test-labels"), [1], 1);
        var options = new IdxDatasetOptions
        {
            Directory = folder, Streaming = true,
            TrainImages = "train-images", TrainLabels = "train-labels", TestImages = "test-images", TestLabels = "test-labels",
        };

        var act = () => new IdxDataset().Load(options, Context());

        act.Should().Throw<DatasetException>().WithMessage($"'{Path.Combine(folder, "train-images")}' is short: its header promises 5 items of 4 bytes, but it holds 13 bytes of data; sample 3 is the first one cut.");
    }

    private static void Write(string path, int[] dimensions, int dataBytes)
    {
        using var file = File.Create(path);
        new IdxArray(dimensions, new byte[dataBytes]).Write(file);
    }

    private static IdxDatasetOptions Options(bool streaming, PixelNormalization normalization) => new()
    {
        Directory = Path.GetDirectoryName(TestData.File("mnist/t10k-images-idx3-ubyte.gz")),
        TrainImages = "t10k-images-idx3-ubyte.gz",
        TrainLabels = "t10k-labels-idx1-ubyte.gz",
        TrainLimit = 300,
        TestLimit = 50,
        Normalization = normalization,
        Streaming = streaming,
    };

    private DatasetContext Context() => new()
    {
        ExperimentDirectory = temp,
        CacheDirectory = Path.Combine(temp, "cache"),
        DataRoot = TestData.Root,
        Seed = 42,
    };
}
