using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Crucible.Abstractions;
using Crucible.Plugins.Datasets.Common;
using Crucible.Plugins.Datasets.Idx;
using Crucible.Plugins.Datasets.Sequences;
using Crucible.Plugins.Datasets.Synthetic;
using Crucible.Plugins.Datasets.Tabular;
using Crucible.Plugins.Datasets.Text;
using Crucible.Torch;

namespace Crucible.Plugins.Tests.Datasets;

public sealed class DatasetPluginTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("crucible-ds-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    private DatasetContext Context(long seed = 42) => new()
    {
        ExperimentDirectory = temp,
        CacheDirectory = Path.Combine(temp, "cache"),
        DataRoot = TestData.Root,
        Seed = seed,
    };

    [Fact]
    public void Csv_iris_standardizes_with_training_statistics_and_describes_itself()
    {
        using var data = new CsvDataset().Load(new CsvDatasetOptions { Path = TestData.File("tabular/iris.csv"), Scaling = Scaling.Standardize, TestFraction = 0.2 }, Context());
        data.Train!.Count.Should().Be(120);
        data.Test!.Count.Should().Be(30);
        data.Train!.Features.Shape.Should().Equal(120, 4);
        data.Train!.Targets.DType.Should().Be(ScalarType.Int64);
        var m = data.Metadata;
        (m.Name, m.TaskKind, m.NumClasses, m.OutputSize).Should().Be(("iris", TaskKind.Classification, 3, 3));
        m.ClassNames.Should().Equal("setosa", "versicolor", "virginica");
        m.FeatureShape.Should().Equal(4L);
        m.FeatureScaling!.Offset.Should().HaveCount(4);
        m.Digest.Should().HaveLength(64);
        m.Schema.Should().Contain("\"classes\"");

        var train = data.Train!.Features.ToArray<float>();
        for (var c = 0; c < 4; c++)
        {
            var column = Enumerable.Range(0, 120).Select(i => (double)train[(i * 4) + c]).ToArray();
            column.Average().Should().BeApproximately(0, 1e-5);
        }
    }

    [Fact]
    public void Csv_digest_depends_on_the_seed_split_and_nothing_else()
    {
        var options = new CsvDatasetOptions { Path = TestData.File("tabular/wine_data.csv") };
        using var a = new CsvDataset().Load(options, Context(1));
        using var b = new CsvDataset().Load(options, Context(1));
        using var c = new CsvDataset().Load(options, Context(2));
        a.Metadata.Digest.Should().Be(b.Metadata.Digest);
        c.Metadata.Digest.Should().NotBe(a.Metadata.Digest);
    }

    [Fact]
    public void Csv_single_binary_output_gives_float_targets_of_width_one()
    {
        using var data = new CsvDataset().Load(new CsvDatasetOptions { Path = TestData.File("tabular/breast_cancer.csv"), SingleBinaryOutput = true }, Context());
        data.Metadata.OutputSize.Should().Be(1);
        data.Train!.Targets.Shape.Should().Equal(data.Train!.Count, 1);
        data.Train!.Targets.DType.Should().Be(ScalarType.Float32);
    }

    [Fact]
    public void Csv_regression_with_scaled_targets_records_the_target_scaling()
    {
        using var data = new CsvDataset().Load(
            new CsvDatasetOptions
            {
                Path = TestData.File("tabular/diabetes_data_raw.csv.gz"),
                TargetPath = TestData.File("tabular/diabetes_target.csv.gz"),
                Delimiter = "whitespace",
                Scaling = Scaling.Standardize,
                ScaleTargets = true,
            },
            Context());
        data.Metadata.TaskKind.Should().Be(TaskKind.Regression);
        data.Metadata.OutputSize.Should().Be(1);
        data.Metadata.TargetScaling.Should().NotBeNull();
        data.Train!.Targets.ToArray<float>().Average().Should().BeApproximately(0f, 1e-4f);
    }

    [Fact]
    public void Csv_problems_become_dataset_exceptions()
    {
        var act = () => new CsvDataset().Load(new CsvDatasetOptions { Path = TestData.File("tabular/iris.csv"), Label = "species" }, Context());
        act.Should().Throw<DatasetException>().WithMessage("*no column 'species'*");
    }

    [Fact]
    public void Inline_height_weight_table_tests_on_its_training_rows()
    {
        using var data = new InlineDataset().Load(
            new InlineDatasetOptions
            {
                Columns = ["height", "weight"],
                Rows = [[174, 71], [152, 55], [138, 46], [128, 38], [186, 88]],
                Scaling = Scaling.Standardize,
            },
            Context());
        data.Metadata.TaskKind.Should().Be(TaskKind.Regression);
        data.Train!.Targets.ToArray<float>().Should().Equal(71, 55, 46, 38, 88);
        data.Test!.Count.Should().Be(5);
        data.Metadata.FeatureScaling!.Offset[0].Should().BeApproximately(155.6, 1e-9);
        data.Metadata.FeatureScaling.Apply(155.6, 0).Should().BeApproximately(0, 1e-12);
    }

    [Fact]
    public void Synthetic_xor_trains_and_tests_on_the_truth_table()
    {
        using var data = new SyntheticDataset().Load(new SyntheticDatasetOptions { Kind = SyntheticKind.Xor }, Context());
        data.Train!.Features.ToArray<float>().Should().Equal(0, 0, 0, 1, 1, 0, 1, 1);
        data.Train!.Targets.Shape.Should().Equal(4, 1);
        data.Test!.Targets.ToArray<float>().Should().Equal(0, 1, 1, 0);
        data.Metadata.OutputSize.Should().Be(1);
    }

    [Fact]
    public void Sequence_airline_windows_and_naive_baseline_in_passengers()
    {
        using var data = new SequenceDataset().Load(
            new SequenceDatasetOptions { Path = TestData.File("timeseries/airline-passengers.csv"), Window = 12, TestFraction = 0.25 },
            Context());
        data.Train!.Features.Shape.Should().Equal(99, 12, 1);
        data.Test!.Count.Should().Be(33);
        data.Metadata.TaskKind.Should().Be(TaskKind.Regression);

        // The last 33 months' month-over-month changes, root mean squared, by hand from the raw file.
        var values = File.ReadAllLines(TestData.File("timeseries/airline-passengers.csv")).Skip(1).Select(l => double.Parse(l.Split(',')[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var expected = Math.Sqrt(Enumerable.Range(144 - 33, 33).Select(t => Math.Pow(values[t] - values[t - 1], 2)).Average());
        data.Metadata.Baselines["baseline_test_rmse"].Should().BeApproximately(expected, 1e-3);
        data.Metadata.TargetScaling!.Invert(data.Test.Targets.ToArray<float>()[^1], 0).Should().BeApproximately(432, 1e-3);
    }

    [Fact]
    public void Sequence_differencing_forecasts_changes_and_keeps_the_naive_baseline_in_passengers()
    {
        var path = TestData.File("timeseries/airline-passengers.csv");
        using var data = new SequenceDataset().Load(
            new SequenceDatasetOptions { Path = path, Window = 12, TestFraction = 0.2, Difference = true, Scaling = Scaling.Standardize },
            Context());

        // 143 month-to-month changes make 131 windows of 12; the last 26 test.
        data.Train!.Features.Shape.Should().Equal(105, 12, 1);
        data.Test!.Count.Should().Be(26);
        var values = File.ReadAllLines(path).Skip(1).Select(l => double.Parse(l.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        data.Metadata.FeatureScaling!.Invert(data.Train!.Features.ToArray<float>()[0], 0).Should().BeApproximately(values[1] - values[0], 1e-3);
        data.Metadata.TargetScaling!.Invert(data.Test.Targets.ToArray<float>()[^1], 0).Should().BeApproximately(values[^1] - values[^2], 1e-3);

        // Repeating the last level is a change of zero: the baseline is the test months' changes, root mean squared.
        var expected = Math.Sqrt(Enumerable.Range(144 - 26, 26).Select(t => Math.Pow(values[t] - values[t - 1], 2)).Average());
        data.Metadata.Baselines["baseline_test_rmse"].Should().BeApproximately(expected, 1e-3);
    }

    [Fact]
    public void Sequence_differencing_over_a_horizon_targets_the_change_since_the_windows_last_step()
    {
        // Levels t^2: changes 2t+1. A window of 3 changes ends at level step 3; horizon 2 targets step 5.
        var path = Path.Combine(temp, "squares.csv");
        File.WriteAllLines(path, ["value", .. Enumerable.Range(0, 20).Select(t => (t * t).ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        using var data = new SequenceDataset().Load(
            new SequenceDatasetOptions { Path = path, Window = 3, Horizon = 2, TestFraction = 0.25, Difference = true, Scaling = Scaling.None },
            Context());

        data.Train!.Features.ToArray<float>()[..3].Should().Equal(1, 3, 5);
        data.Train!.Targets.ToArray<float>()[0].Should().Be(25 - 9);
        var test = data.Test!.Targets.ToArray<float>();
        test[^1].Should().Be((19 * 19) - (17 * 17));
        data.Metadata.Baselines["baseline_test_rmse"].Should().BeApproximately(Math.Sqrt(test.Average(c => (double)c * c)), 1e-3);
    }

    [Fact]
    public void Text_records_the_majority_class_test_accuracy_as_a_baseline()
    {
        var path = Path.Combine(temp, "skewed.txt");
        File.WriteAllLines(path, [.. Enumerable.Range(0, 16).Select(i => $"sentence number {i}\t{(i % 4 == 0 ? "neg" : "pos")}")]);
        using var data = new TextDataset().Load(new TextDatasetOptions { Paths = [path], MaxLength = 4, TestFraction = 0.25 }, Context());

        // "pos" (index 1) is three quarters of the sentences, so the training split's majority.
        data.Metadata.ClassNames.Should().Equal("neg", "pos");
        data.Train!.Targets.ToArray<long>().Count(t => t == 1).Should().BeGreaterThan(6);
        var test = data.Test!.Targets.ToArray<long>();
        data.Metadata.Baselines["baseline_test_accuracy"].Should().Be(test.Count(t => t == 1) / (double)test.Length);
    }

    [Fact]
    public void Text_vocabulary_comes_from_training_sentences_only()
    {
        var path = Path.Combine(temp, "s.txt");
        File.WriteAllLines(path, ["good food\t1", "bad food\t0", "great place\t1", "awful place\t0", "unique words\t1"]);
        using var data = new TextDataset().Load(new TextDatasetOptions { Paths = [path], MaxLength = 4, TestFraction = 0.2 }, Context());
        data.Train!.Features.DType.Should().Be(ScalarType.Int64);
        data.Train!.Features.Shape.Should().Equal(4, 4);
        var test = data.Test!.Features.ToArray<long>();
        test[..2].Should().Equal(0L, 0L);

        // Every training token has an index; the held-out sentence's two words are in the vocabulary only if training had them.
        data.Metadata.VocabularySize.Should().Be(2 + data.Train!.Features.ToArray<long>().Where(i => i > 1).Distinct().Count());
        data.Metadata.ClassNames.Should().Equal("0", "1");
    }

    [Fact]
    public void Text_sentiment_sentences_load_all_three_files()
    {
        using var data = new TextDataset().Load(
            new TextDatasetOptions
            {
                Paths = [TestData.File("text/sentiment-labelled-sentences/amazon_cells_labelled.txt"), TestData.File("text/sentiment-labelled-sentences/imdb_labelled.txt"), TestData.File("text/sentiment-labelled-sentences/yelp_labelled.txt")],
            },
            Context());
        (data.Train!.Count + data.Test!.Count).Should().Be(3000);
        data.Metadata.VocabularySize.Should().BeGreaterThan(3000);
    }

    [Fact]
    public void Idx_reads_mnist_test_files_with_unit_normalization()
    {
        using var data = new IdxDataset().Load(
            new IdxDatasetOptions
            {
                Directory = Path.GetDirectoryName(TestData.File("mnist/t10k-images-idx3-ubyte.gz")),
                TrainImages = "t10k-images-idx3-ubyte.gz",
                TrainLabels = "t10k-labels-idx1-ubyte.gz",
                TrainLimit = 500,
                TestLimit = 100,
            },
            Context());
        data.Train!.Features.Shape.Should().Equal(500, 1, 28, 28);
        data.Test!.Count.Should().Be(100);
        var pixels = data.Train!.Features.ToArray<float>();
        pixels.Max().Should().Be(1f);
        pixels.Min().Should().Be(0f);
        data.Metadata.Name.Should().Be("mnist");
        data.Metadata.NumClasses.Should().Be(10);
    }

    [Fact]
    public void Idx_downloads_missing_files_from_a_loopback_server_and_verifies_them()
    {
        var files = new Dictionary<string, byte[]>
        {
            ["tr-img.gz"] = Gzip(new IdxArray([3, 2, 2], [0, 255, 0, 255, 1, 2, 3, 4, 5, 6, 7, 8])),
            ["tr-lbl.gz"] = Gzip(new IdxArray([3], [0, 1, 1])),
            ["te-img.gz"] = Gzip(new IdxArray([1, 2, 2], [9, 9, 9, 9])),
            ["te-lbl.gz"] = Gzip(new IdxArray([1], [0])),
        };
        using var server = new LoopbackServer(files);
        var options = new IdxDatasetOptions
        {
            DownloadUrl = server.Url,
            TrainImages = "tr-img.gz",
            TrainLabels = "tr-lbl.gz",
            TestImages = "te-img.gz",
            TestLabels = "te-lbl.gz",
            Normalization = PixelNormalization.None,
            Sha256 = files.ToDictionary(f => f.Key, f => Convert.ToHexStringLower(SHA256.HashData(f.Value))),
            DatasetName = "tiny",
        };
        using (var data = new IdxDataset().Load(options, Context()))
        {
            data.Train!.Features.Shape.Should().Equal(3, 1, 2, 2);
            data.Train!.Features.ToArray<float>()[..4].Should().Equal(0, 255, 0, 255);
        }

        server.Requests.Should().Be(4);
        using (new IdxDataset().Load(options, Context()))
        {
            server.Requests.Should().Be(4, "the verified files are reused from the cache");
        }

        options.Sha256["te-lbl.gz"] = new string('a', 64);
        Directory.Delete(Path.Combine(temp, "cache"), recursive: true);
        var act = () => new IdxDataset().Load(options, Context());
        act.Should().Throw<DatasetException>().WithMessage("*te-lbl.gz*SHA-256*");
    }

    private static byte[] Gzip(IdxArray array)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            array.Write(gz);
        }

        return output.ToArray();
    }

    private sealed class LoopbackServer : IDisposable
    {
        private readonly HttpListener listener = new();
        private readonly IReadOnlyDictionary<string, byte[]> files;
        private int requests;

        public LoopbackServer(IReadOnlyDictionary<string, byte[]> files)
        {
            this.files = files;
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                Url = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/data/";
            }

            listener.Prefixes.Add(Url);
            listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string Url { get; }

        public int Requests => Volatile.Read(ref requests);

        public void Dispose() => listener.Close();

        private async Task ServeAsync()
        {
            while (true)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                Interlocked.Increment(ref requests);
                var name = context.Request.Url!.Segments[^1];
                if (files.TryGetValue(name, out var body))
                {
                    await context.Response.OutputStream.WriteAsync(body);
                }
                else
                {
                    context.Response.StatusCode = 404;
                }

                context.Response.Close();
            }
        }
    }
}
