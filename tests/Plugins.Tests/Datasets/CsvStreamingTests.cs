using System.Globalization;
using Crucible.Abstractions;
using Crucible.Plugins.Datasets.Common;
using Crucible.Plugins.Datasets.Tabular;

namespace Crucible.Plugins.Tests.Datasets;

public sealed class CsvStreamingTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("crucible-csv-streaming-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    [Theory]
    [InlineData("tabular/iris.csv", Scaling.Standardize)]
    [InlineData("tabular/wine_data.csv", Scaling.MinMax)]
    public void Streaming_gives_the_splits_classes_and_scaled_values_of_the_in_memory_mode(string file, Scaling scaling)
    {
        var options = new CsvDatasetOptions { Path = TestData.File(file), Scaling = scaling, TestFraction = 0.2, ValidationFraction = 0.1 };
        using var memory = new CsvDataset().Load(options, Context());
        options.Streaming = true;
        using var streamed = new CsvDataset().Load(options, Context());

        streamed.Metadata.ClassNames.Should().Equal(memory.Metadata.ClassNames!);
        streamed.Metadata.FeatureShape.Should().Equal(memory.Metadata.FeatureShape);
        streamed.Metadata.Schema.Should().Be(memory.Metadata.Schema);
        streamed.Metadata.Digest.Should().HaveLength(64);
        for (var c = 0; c < memory.Metadata.FeatureScaling!.Offset.Count; c++)
        {
            streamed.Metadata.FeatureScaling!.Offset[c].Should().BeApproximately(memory.Metadata.FeatureScaling.Offset[c], 1e-9);
            streamed.Metadata.FeatureScaling.Scale[c].Should().BeApproximately(memory.Metadata.FeatureScaling.Scale[c], 1e-9);
        }

        foreach (var (split, source) in new[] { (memory.Train!, streamed.TrainSource!), (memory.Validation!, streamed.ValidationSource!), (memory.Test!, streamed.TestSource!) })
        {
            source.Count.Should().Be(split.Count);
            var width = (int)split.Features.Shape[1];
            var features = split.Features.ToArray<float>();
            var labels = split.Targets.ToArray<long>();
            var row = new float[width];
            var target = new float[1];
            for (var i = 0; i < source.Count; i++)
            {
                source.Read(i, row, target);
                for (var f = 0; f < width; f++)
                {
                    row[f].Should().BeApproximately(features[(i * width) + f], 1e-5f);
                }

                target[0].Should().Be(labels[i]);
            }
        }
    }

    [Fact]
    public void The_row_index_is_built_once_and_cached_beside_the_files_digest()
    {
        var options = new CsvDatasetOptions { Path = TestData.File("tabular/iris.csv"), Streaming = true };
        string digest;
        using (var first = new CsvDataset().Load(options, Context()))
        {
            digest = first.Metadata.Digest;
        }

        var index = Path.Combine(temp, "cache", "csv-index");
        var offsets = Directory.GetFiles(index, "*.offsets").Should().ContainSingle().Subject;
        Path.GetFileName(offsets).Should().StartWith(Sha256(TestData.File("tabular/iris.csv")));
        var written = File.GetLastWriteTimeUtc(offsets);
        new FileInfo(offsets).Length.Should().Be(152 * 8, "150 rows and the header start somewhere, then the file's length");
        using (var second = new CsvDataset().Load(options, Context()))
        {
            second.Metadata.Digest.Should().Be(digest);
        }

        File.GetLastWriteTimeUtc(offsets).Should().Be(written);
    }

    [Fact]
    public void An_unreadable_row_names_the_file_the_row_and_the_sample()
    {
        var path = Path.Combine(temp, "bad.csv");
        File.WriteAllLines(path, ["a,b,label", "1,2,x", "3,4,y", "", "5,6,x", "7,oops,y", "9,10,x"]);
        var options = new CsvDatasetOptions { Path = path, Streaming = true, TestFraction = 0 };

        var act = () => new CsvDataset().Load(options, Context());

        act.Should().Throw<DatasetException>().WithMessage($"'{path}' row 5, column 'b': 'oops' is not a number (only labels may be categorical).");
    }

    [Fact]
    public void A_bad_row_outside_the_training_split_fails_when_it_is_read_naming_the_file_the_row_and_the_sample()
    {
        var path = Path.Combine(temp, "late.csv");
        var bad = SplitIndices.Create(10, 0, 0.5, 42).Test[1];
        File.WriteAllLines(path, Enumerable.Range(0, 10).Select(i => i == bad ? "1,oops,0" : string.Create(CultureInfo.InvariantCulture, $"{i},{i * 2},{i % 2}")));
        using var data = new CsvDataset().Load(new CsvDatasetOptions { Path = path, Streaming = true, TestFraction = 0.5, Header = HeaderKind.None }, Context());
        var row = new float[2];
        var target = new float[1];
        data.TestSource!.Read(0, row, target);

        var act = () => data.TestSource.Read(1, row, target);

        act.Should().Throw<DatasetException>().WithMessage($"'{path}' row {bad + 1} (sample 1), column 'column1': 'oops' is not a number*");
    }

    private static string Sha256(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file));
    }

    private DatasetContext Context() => new()
    {
        ExperimentDirectory = temp,
        CacheDirectory = Path.Combine(temp, "cache"),
        DataRoot = TestData.Root,
        Seed = 42,
    };
}
