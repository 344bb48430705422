using System.Globalization;
using Crucible.Abstractions;
using Crucible.Plugins.Datasets.Common;

namespace Crucible.Plugins.Datasets.Synthetic;

/// <summary>Generated data: logic truth tables, noisy lines and sines, two moons and spirals.</summary>
[Plugin("synthetic", Description = "Generated data: xor/or/and truth tables, linear with noise, sine, two moons, spirals.")]
public sealed class SyntheticDataset : IDataset<SyntheticDatasetOptions>
{
    /// <inheritdoc />
    public LoadedDataset Load(SyntheticDatasetOptions options, DatasetContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var seed = SeedDerivation.ToInt32(context.Seed);
        var spec = new SyntheticSpec
        {
            Kind = options.Kind,
            Samples = options.Samples,
            Noise = options.Noise,
            Seed = seed,
            Slope = options.Slope,
            Intercept = options.Intercept,
            XMin = options.XMin,
            XMax = options.XMax,
            Classes = options.Classes,
            TruthTableAsClasses = options.AsClasses,
        };
        var all = SyntheticGenerator.Generate(spec);
        var truthTable = options.Kind is SyntheticKind.Xor or SyntheticKind.Or or SyntheticKind.And;
        var name = options.Kind.ToString().ToLowerInvariant();

        // A truth table is the whole problem: it trains on its four rows and is tested on them.
        var prepared = truthTable
            ? PreparedSplits.Scale(all, null, all, options.Scaling)
            : PreparedSplits.FromOne(all, 0, options.TestFraction, seed, options.Scaling);
        var classes = all.IsClassification
            ? Enumerable.Range(0, (int)all.Labels!.Max() + 1).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray()
            : null;
        var assembler = new DatasetAssembler
        {
            Name = name,
            Source = string.Create(CultureInfo.InvariantCulture, $"synthetic:{name}?samples={all.Count}&noise={options.Noise}&seed={seed}"),
            ClassNames = classes,
            FeatureScaling = DatasetAssembler.ToScaling(prepared.Scaler),
        };
        context.Logger.LogDatasetLoaded(name, prepared.Train.Count, 0, prepared.Test?.Count ?? 0);
        return assembler.Build(prepared, context.Device);
    }
}
