using Crucible.Abstractions;
using Crucible.Plugins.Datasets.Augmentation;
using Crucible.Plugins.Datasets.Common;

namespace Crucible.Plugins.Datasets.Idx;

/// <summary>Images and labels in LeCun's IDX format, as MNIST and Fashion-MNIST ship: features [N, 1, rows, cols].</summary>
[Plugin("idx", Description = "MNIST-style IDX image files (gzip or raw), normalized, optionally downloaded with SHA-256 verification.")]
public sealed class IdxDataset : IDataset<IdxDatasetOptions>
{
    /// <inheritdoc />
    public LoadedDataset Load(IdxDatasetOptions options, DatasetContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var name = options.DatasetName ?? (options.Directory is null ? "idx" : FileNames.Stem(options.Directory));
            var folder = ResolveFolder(options, context, name);
            if (options.Streaming)
            {
                return LoadStreaming(options, context, name, folder);
            }

            var train = Read(Path.Combine(folder, options.TrainImages), Path.Combine(folder, options.TrainLabels), options.TrainLimit);
            var test = Read(Path.Combine(folder, options.TestImages), Path.Combine(folder, options.TestLabels), options.TestLimit);
            var classes = options.ClassNames ?? Enumerable.Range(0, (int)Math.Max(train.Labels.Max(), test.Labels.Max()) + 1).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            ColumnScaling? scaling = null;
            var (offset, scale) = (0.0, 1.0);
            if (options.Normalization != PixelNormalization.None)
            {
                (offset, scale) = options.Normalization == PixelNormalization.Unit ? (0.0, 255.0) : MeanStd(train.Pixels.Span);
                scaling = new ColumnScaling([offset], [scale]);
            }

            // The pixels stay the file's bytes until the assembler writes them into the tensor.
            var values = ByteFeatures.Table(offset, scale);
            var trainSet = new SampleSet(new ByteFeatures(train.Pixels, values), train.Shape, train.Labels);
            var testSet = new SampleSet(new ByteFeatures(test.Pixels, values), test.Shape, test.Labels);
            var assembler = new DatasetAssembler
            {
                Name = name,
                Source = options.Directory ?? options.DownloadUrl!,
                ClassNames = classes,
                FeatureScaling = scaling,
                TrainTransform = ImageAugmentation.Create(options.Augmentation, trainSet.FeatureShape, black: -offset / scale),
            };
            context.Logger.LogDatasetLoaded(name, trainSet.Count, 0, testSet.Count);
            return assembler.Build(new PreparedSplits(trainSet, null, testSet, null), context.Device);
        }
        catch (CrucibleException e) when (e is not DatasetException)
        {
            throw new DatasetException(e.Message, e);
        }
    }

    /// <summary>
    /// The streaming mode: images and labels memory-mapped from uncompressed copies (gzip files are
    /// decompressed once into the cache), read sample by sample by the trainer's loader. Values,
    /// metadata and digest are those of the in-memory mode; the digest and any standardization are
    /// computed in streaming passes, never holding a split in memory.
    /// </summary>
    private static LoadedDataset LoadStreaming(IdxDatasetOptions options, DatasetContext context, string name, string folder)
    {
        var opened = new List<IDisposable>();
        try
        {
            MappedIdxFile Map(string file)
            {
                var path = Path.Combine(folder, file);
                var mapped = MappedIdxFile.Open(UncompressedCopy.Ensure(path, context.CacheDirectory, context.CancellationToken), path);
                opened.Add(mapped);
                return mapped;
            }

            var (trainImages, trainLabels) = (Map(options.TrainImages), Map(options.TrainLabels));
            var (testImages, testLabels) = (Map(options.TestImages), Map(options.TestLabels));
            var trainCount = Check(trainImages, trainLabels, options.TrainLimit);
            var testCount = Check(testImages, testLabels, options.TestLimit);
            var maxLabel = Math.Max(MaxLabel(trainLabels, trainCount), MaxLabel(testLabels, testCount));
            var classes = options.ClassNames ?? Enumerable.Range(0, maxLabel + 1).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            ColumnScaling? scaling = null;
            var (offset, scale) = (0.0, 1.0);
            if (options.Normalization != PixelNormalization.None)
            {
                (offset, scale) = options.Normalization == PixelNormalization.Unit ? (0.0, 255.0) : MeanStd(trainImages, trainCount);
                scaling = new ColumnScaling([offset], [scale]);
            }

            var train = new IdxSource(trainImages, trainLabels, trainCount, classes.Length, offset, scale);
            var test = new IdxSource(testImages, testLabels, testCount, classes.Length, offset, scale);
            int[] shape = [1, trainImages.Dimensions[1], trainImages.Dimensions[2]];
            var metadata = new DatasetMetadata
            {
                Name = name,
                Source = options.Directory ?? options.DownloadUrl!,
                Digest = StreamingDigest.Of([(trainImages, trainLabels, trainCount), (testImages, testLabels, testCount)], offset, scale),
                FeatureShape = shape.Select(d => (long)d).ToArray(),
                TaskKind = TaskKind.Classification,
                NumClasses = classes.Length,
                OutputSize = classes.Length,
                ClassNames = classes,
                FeatureScaling = scaling,
            };
            context.Logger.LogDatasetLoaded(name, trainCount, 0, testCount);
            return new LoadedDataset
            {
                TrainSource = train,
                TestSource = test,
                Metadata = metadata,
                TrainTransform = ImageAugmentation.Create(options.Augmentation, shape, black: -offset / scale),
            };
        }
        catch
        {
            foreach (var d in opened)
            {
                d.Dispose();
            }

            throw;
        }
    }

    private static int Check(MappedIdxFile images, MappedIdxFile labels, int? limit)
    {
        if (images.Dimensions.Length != 3)
        {
            throw new DatasetException($"'{images.Path}' holds a {images.Dimensions.Length}-dimensional array, not images [N, rows, cols].");
        }

        if (labels.Dimensions.Length != 1 || labels.Count != images.Count)
        {
            throw new DatasetException($"'{labels.Path}' holds {labels.Count} labels for the {images.Count} images of '{images.Path}'.");
        }

        return Math.Min(limit ?? images.Count, images.Count);
    }

    private static int MaxLabel(MappedIdxFile labels, int count)
    {
        var max = 0;
        for (var i = 0; i < count; i++)
        {
            max = Math.Max(max, labels.Item(i)[0]);
        }

        return max;
    }

    private static (double Offset, double Scale) MeanStd(MappedIdxFile images, int count)
    {
        double sum = 0, squares = 0;
        for (var i = 0; i < count; i++)
        {
            foreach (float v in images.Item(i))
            {
                sum += v;
                squares += (double)v * v;
            }
        }

        var n = (double)count * images.ItemSize;
        var mean = sum / n;
        var std = Math.Sqrt(Math.Max(0, (squares / n) - (mean * mean)));
        return (mean, std > 0 ? std : 1);
    }

    private static string ResolveFolder(IdxDatasetOptions options, DatasetContext context, string name)
    {
        string[] files = [options.TrainImages, options.TrainLabels, options.TestImages, options.TestLabels];
        if (options.Directory is not null && files.All(f => File.Exists(Path.Combine(options.Directory, f))))
        {
            foreach (var file in files)
            {
                DataFiles.EnsureRegularFile(Path.Combine(options.Directory, file));
            }

            return options.Directory;
        }

        if (options.DownloadUrl is null)
        {
            var missing = files.Where(f => options.Directory is null || !File.Exists(Path.Combine(options.Directory, f)));
            throw new DatasetException($"IDX files missing in '{options.Directory}': {string.Join(", ", missing)}. Set downloadUrl to fetch them.");
        }

        var cache = ContainedPath.Resolve(context.CacheDirectory, Path.Combine(context.CacheDirectory, "idx", name), "the download cache");
        var baseUrl = new Uri(options.DownloadUrl.EndsWith('/') ? options.DownloadUrl : options.DownloadUrl + "/");
        using var http = new HttpClient();
        foreach (var file in files)
        {
            var url = new Uri(baseUrl, file);
            context.Logger.LogDownloading(url, cache);
            options.Sha256.TryGetValue(file, out var sha);
            CachedDownload.EnsureAsync(http, url, context.CacheDirectory, cache, file, sha, context.CancellationToken).GetAwaiter().GetResult();
        }

        return cache;
    }

    /// <summary>The first <paramref name="limit"/> images of an IDX file as its bytes, with their labels.</summary>
    private static (ReadOnlyMemory<byte> Pixels, int[] Shape, long[] Labels) Read(string imagesPath, string labelsPath, int? limit)
    {
        var images = IdxArray.ReadFile(imagesPath);
        var labels = IdxArray.ReadFile(labelsPath);
        if (images.Dimensions.Length != 3)
        {
            throw new DatasetException($"'{imagesPath}' holds a {images.Dimensions.Length}-dimensional array, not images [N, rows, cols].");
        }

        if (labels.Dimensions.Length != 1 || labels.Count != images.Count)
        {
            throw new DatasetException($"'{labelsPath}' holds {labels.Count} labels for the {images.Count} images of '{imagesPath}'.");
        }

        var count = Math.Min(limit ?? images.Count, images.Count);
        var pixels = images.Dimensions[1] * images.Dimensions[2];
        var y = new long[count];
        for (var i = 0; i < count; i++)
        {
            y[i] = labels.Data[i];
        }

        return (images.Data.AsMemory(0, count * pixels), [1, images.Dimensions[1], images.Dimensions[2]], y);
    }

    /// <summary>
    /// The mean and standard deviation of the pixels, from their histogram: the sums of integers it
    /// adds are exact in double, so they equal a sum over the pixels as floats.
    /// </summary>
    private static (double Offset, double Scale) MeanStd(ReadOnlySpan<byte> pixels)
    {
        Span<long> histogram = stackalloc long[256];
        histogram.Clear();
        foreach (var b in pixels)
        {
            histogram[b]++;
        }

        double sum = 0, squares = 0;
        for (var b = 0; b < histogram.Length; b++)
        {
            sum += (double)histogram[b] * b;
            squares += (double)histogram[b] * b * b;
        }

        var mean = sum / pixels.Length;
        var std = Math.Sqrt(Math.Max(0, (squares / pixels.Length) - (mean * mean)));
        return (mean, std > 0 ? std : 1);
    }
}
