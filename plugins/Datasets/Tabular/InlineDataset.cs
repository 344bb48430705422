using System.Globalization;
using Crucible.Abstractions;
using Crucible.Plugins.Datasets.Common;

namespace Crucible.Plugins.Datasets.Tabular;

/// <summary>A small table written in the experiment file itself, like the course's examples.</summary>
[Plugin("inline", Description = "A small table of numbers written directly in the experiment file.")]
public sealed class InlineDataset : IDataset<InlineDatasetOptions>
{
    /// <inheritdoc />
    public LoadedDataset Load(InlineDatasetOptions options, DatasetContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var width = options.Rows[0].Length;
        var names = options.Columns ?? Enumerable.Range(0, width).Select(i => string.Create(CultureInfo.InvariantCulture, $"column{i}")).ToArray();
        var rows = new List<string[]> { names };
        rows.AddRange(options.Rows.Select(r => r.Select(v => v.ToString("R", CultureInfo.InvariantCulture)).ToArray()));
        try
        {
            var table = CsvTable.FromRows(
                rows,
                new CsvReadOptions { Header = HeaderKind.Names, Features = options.Features, Label = options.Label, LabelKind = options.Task },
                null,
                "dataset.rows");
            var seed = SeedDerivation.ToInt32(context.Seed);
            PreparedSplits prepared;
            if (options.TestFraction > 0)
            {
                prepared = PreparedSplits.FromOne(table.Samples, 0, options.TestFraction, seed, options.Scaling);
            }
            else
            {
                prepared = PreparedSplits.Scale(table.Samples, null, table.Samples, options.Scaling);
            }

            var assembler = new DatasetAssembler
            {
                Name = options.DatasetName,
                Source = "inline",
                ClassNames = table.ClassNames,
                SingleBinaryOutput = options.SingleBinaryOutput,
                FeatureScaling = DatasetAssembler.ToScaling(prepared.Scaler),
                Schema = SchemaJson.Describe(table.FeatureNames, table.LabelName, table.ClassNames),
            };
            context.Logger.LogDatasetLoaded(options.DatasetName, prepared.Train.Count, 0, prepared.Test?.Count ?? 0);
            return assembler.Build(prepared, context.Device);
        }
        catch (CrucibleException e) when (e is not DatasetException)
        {
            throw new DatasetException(e.Message, e);
        }
    }
}
