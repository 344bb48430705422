using Microsoft.Extensions.Logging;

namespace Crucible.Plugins.Datasets.Common;

/// <summary>Source-generated log messages of the dataset plugins.</summary>
internal static partial class DatasetLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Dataset {Name}: {Train} training, {Validation} validation and {Test} test samples")]
    public static partial void LogDatasetLoaded(this ILogger logger, string name, int train, int validation, int test);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dataset {Name}: {Baseline} = {Value:F4}")]
    public static partial void LogBaseline(this ILogger logger, string name, string baseline, double value);

    [LoggerMessage(Level = LogLevel.Information, Message = "Downloading {Url} into {Directory}")]
    public static partial void LogDownloading(this ILogger logger, Uri url, string directory);
}
