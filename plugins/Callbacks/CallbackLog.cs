using Microsoft.Extensions.Logging;

namespace Crucible.Plugins.Callbacks;

/// <summary>Source-generated log messages of the callbacks.</summary>
internal static partial class CallbackLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Prediction for {Inputs} -> {Outputs}")]
    public static partial void LogPrediction(this ILogger logger, string inputs, string outputs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Linear model in the data's units: {Equation}")]
    public static partial void LogLinearFit(this ILogger logger, string equation);
}
