using Crucible.Abstractions;

namespace Crucible.Host.Training;

/// <summary>A metric accumulator with the plugin name it came from, for error messages.</summary>
internal sealed record NamedMetric(string Name, IMetricAccumulator Accumulator);
