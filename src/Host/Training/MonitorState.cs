using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crucible.Host.Training;

/// <summary>What a <see cref="MetricMonitor"/> must remember across a resume.</summary>
internal sealed record MonitorState(double? Best, int BestEpoch, int EpochsWithoutImprovement)
{
    /// <summary>How a monitor's state is written into a checkpoint (a NaN best survives the round trip).</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
