using Crucible.Abstractions;
using Crucible.Plugins.Datasets.Common;

namespace Crucible.Plugins.Datasets.Text;

/// <summary>
/// Labelled sentences as token indices [N, maxLength] (int64) for an embedding, with a vocabulary
/// built from the training split only. It also records the test accuracy of always answering the
/// training split's most frequent class as <c>baseline_test_accuracy</c>, the rate a classifier must beat.
/// </summary>
[Plugin("text", Description = "Labelled sentences tokenized into indices, vocabulary from the training split.")]
public sealed class TextDataset : IDataset<TextDatasetOptions>
{
    /// <inheritdoc />
    public LoadedDataset Load(TextDatasetOptions options, DatasetContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var rows = options.Paths.SelectMany(LabelledSentences.ReadFile).ToList();
            var classNames = rows.Select(r => r.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            var classIndex = classNames.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => (long)p.i, StringComparer.Ordinal);
            var tokens = rows.Select(r => Tokenizer.Tokenize(r.Text)).ToList();
            var labels = rows.Select(r => classIndex[r.Label]).ToArray();
            var seed = SeedDerivation.ToInt32(context.Seed);
            var split = SplitIndices.Create(rows.Count, options.ValidationFraction, options.TestFraction, seed);
            var vocabulary = Vocabulary.Build(split.Train.Select(i => tokens[i]), options.MinFrequency, options.MaxVocabulary);

            var encoding = vocabulary.ToEncoding(options.MaxLength, options.PadFront);
            var features = new float[rows.Count * options.MaxLength];
            for (var i = 0; i < rows.Count; i++)
            {
                var encoded = encoding.EncodeTokens(tokens[i]);
                for (var j = 0; j < encoded.Length; j++)
                {
                    // Indices up to 2^24 are exact in float32; the assembler turns them into int64.
                    features[(i * options.MaxLength) + j] = encoded[j];
                }
            }

            var all = new SampleSet(features, [options.MaxLength], labels, null, 0);
            var train = all.Subset(split.Train);
            var validation = split.Validation.Length > 0 ? all.Subset(split.Validation) : null;
            var test = split.Test.Length > 0 ? all.Subset(split.Test) : null;
            var baselines = new Dictionary<string, double>(StringComparer.Ordinal);
            if (split.Test.Length > 0 && split.Train.Length > 0)
            {
                var accuracy = MajorityAccuracy(labels, split.Train, split.Test);
                baselines["baseline_test_accuracy"] = accuracy;
                context.Logger.LogBaseline(options.DatasetName, "majority-class test accuracy", accuracy);
            }

            var assembler = new DatasetAssembler
            {
                Name = options.DatasetName,
                Baselines = baselines,
                Source = string.Join(";", options.Paths),
                ClassNames = classNames,
                IntegerFeatures = true,
                VocabularySize = vocabulary.Count,
                TextEncoding = encoding,
                SingleBinaryOutput = options.SingleBinaryOutput,
            };
            context.Logger.LogDatasetLoaded(options.DatasetName, train.Count, validation?.Count ?? 0, test?.Count ?? 0);
            return assembler.Build(new PreparedSplits(train, validation, test, null), context.Device);
        }
        catch (CrucibleException e) when (e is not DatasetException)
        {
            throw new DatasetException(e.Message, e);
        }
    }

    /// <summary>The share of <paramref name="test"/> samples labelled with the most frequent class among <paramref name="train"/> (ties: the lower index).</summary>
    internal static double MajorityAccuracy(long[] labels, int[] train, int[] test)
    {
        var majority = train.Select(i => labels[i]).GroupBy(l => l).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        return test.Count(i => labels[i] == majority) / (double)test.Length;
    }
}
