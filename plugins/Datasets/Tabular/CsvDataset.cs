using Crucible.Abstractions;
using Crucible.Plugins.Datasets.Common;

namespace Crucible.Plugins.Datasets.Tabular;

/// <summary>Tabular data from CSV files: features and a class or regression label per row.</summary>
[Plugin("csv", Description = "Tabular data from CSV files (scikit-learn count headers too), split and scaled on the training part.")]
public sealed class CsvDataset : IDataset<CsvDatasetOptions>
{
    /// <inheritdoc />
    public LoadedDataset Load(CsvDatasetOptions options, DatasetContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        if (options.Streaming)
        {
            try
            {
                return CsvStreaming.Load(options, context);
            }
            catch (CrucibleException e) when (e is not DatasetException)
            {
                throw new DatasetException(e.Message, e);
            }
        }

        var read = new CsvReadOptions
        {
            Header = options.Header,
            Delimiter = options.Delimiter,
            Features = options.Features,
            Label = options.Label,
            LabelKind = options.Task,
            TargetFile = options.TargetPath,
        };

        try
        {
            var main = CsvTable.Load(options.Path, read);
            var seed = SeedDerivation.ToInt32(context.Seed);
            var testFraction = options.TestPath is null ? options.TestFraction : 0;
            var validationFraction = options.ValidationPath is null ? options.ValidationFraction : 0;
            var split = SplitIndices.Create(main.Samples.Count, validationFraction, testFraction, seed);
            var train = main.Samples.Subset(split.Train);
            var validation = options.ValidationPath is not null
                ? CsvTable.Load(options.ValidationPath, read with { TargetFile = null, Header = options.Header }, main.ClassNames).Samples
                : split.Validation.Length > 0 ? main.Samples.Subset(split.Validation) : null;
            var test = options.TestPath is not null
                ? CsvTable.Load(options.TestPath, read with { TargetFile = null }, main.ClassNames).Samples
                : split.Test.Length > 0 ? main.Samples.Subset(split.Test) : null;
            var prepared = PreparedSplits.Scale(train, validation, test, options.Scaling);
            var (scaledTargets, targetScaler) = options.ScaleTargets && !train.IsClassification
                ? TargetScaling.Scale(prepared, options.Scaling == Scaling.None ? Scaling.Standardize : options.Scaling)
                : (prepared, null);

            var assembler = new DatasetAssembler
            {
                Name = options.DatasetName ?? FileNames.Stem(options.Path),
                Source = options.Path,
                ClassNames = main.ClassNames,
                SingleBinaryOutput = options.SingleBinaryOutput,
                FeatureScaling = DatasetAssembler.ToScaling(prepared.Scaler),
                TargetScaling = DatasetAssembler.ToScaling(targetScaler),
                Schema = SchemaJson.Describe(main.FeatureNames, main.LabelName, main.ClassNames),
            };
            context.Logger.LogDatasetLoaded(assembler.Name, train.Count, validation?.Count ?? 0, test?.Count ?? 0);
            return assembler.Build(scaledTargets, context.Device);
        }
        catch (CrucibleException e) when (e is not DatasetException)
        {
            throw new DatasetException(e.Message, e);
        }
    }
}
