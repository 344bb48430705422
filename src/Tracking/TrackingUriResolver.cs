namespace Crucible.Tracking;

/// <summary>
/// Decides where runs go, as MLflow does: the command line, then the experiment file, then
/// <c>MLFLOW_TRACKING_URI</c>, then the local store <c>./mlruns</c> in the working directory.
/// </summary>
public static class TrackingUriResolver
{
    /// <summary>The environment variable holding the tracking URI.</summary>
    public const string TrackingUriVariable = "MLFLOW_TRACKING_URI";

    /// <summary>The environment variable holding the experiment name.</summary>
    public const string ExperimentNameVariable = "MLFLOW_EXPERIMENT_NAME";

    /// <summary>The experiment used when nothing names one.</summary>
    public const string DefaultExperimentName = "Default";

    /// <summary>
    /// The tracking URI to use. Blank values count as absent. Local paths and relative <c>file:</c>
    /// URIs are made absolute against <paramref name="workingDirectory"/> (default: the current directory).
    /// </summary>
    /// <param name="commandLine">The <c>--tracking-uri</c> option, if given.</param>
    /// <param name="experimentFile">The experiment file's tracking URI setting, if any.</param>
    /// <param name="environment">Reads an environment variable; defaults to the process environment.</param>
    /// <param name="workingDirectory">Where <c>./mlruns</c> and relative paths are resolved.</param>
    public static string Resolve(
        string? commandLine,
        string? experimentFile,
        Func<string, string?>? environment = null,
        string? workingDirectory = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        workingDirectory ??= Directory.GetCurrentDirectory();
        var uri = FirstNonBlank(commandLine, experimentFile, environment(TrackingUriVariable)) ?? "./mlruns";
        return Normalize(uri, workingDirectory);
    }

    /// <summary>
    /// The experiment name to use: the command line, then the experiment file, then
    /// <c>MLFLOW_EXPERIMENT_NAME</c>, then <c>Default</c>.
    /// </summary>
    public static string ResolveExperimentName(
        string? commandLine,
        string? experimentFile,
        Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        return FirstNonBlank(commandLine, experimentFile, environment(ExperimentNameVariable)) ?? DefaultExperimentName;
    }

    /// <summary>True when the URI names a local file store (a path or a <c>file:</c> URI).</summary>
    public static bool IsLocal(string trackingUri)
    {
        ArgumentNullException.ThrowIfNull(trackingUri);
        return trackingUri.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || !trackingUri.Contains("://", StringComparison.Ordinal);
    }

    /// <summary>The absolute folder of a local store URI (<c>file:///x</c>, <c>file:x</c>, <c>./x</c>, <c>/x</c>).</summary>
    public static string LocalPath(string trackingUri, string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(trackingUri);
        workingDirectory ??= Directory.GetCurrentDirectory();
        string path;
        if (trackingUri.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            path = Uri.UnescapeDataString(new Uri(trackingUri).AbsolutePath);
        }
        else if (trackingUri.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            path = Uri.UnescapeDataString(trackingUri["file:".Length..]);
        }
        else
        {
            path = trackingUri;
        }

        return Path.GetFullPath(path, workingDirectory);
    }

    private static string Normalize(string uri, string workingDirectory)
    {
        if (!IsLocal(uri))
        {
            if (!uri.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !uri.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                throw new TrackingException(
                    $"Unsupported tracking URI '{uri}'. Use a local folder (./mlruns, file:///path) or an MLflow server (http://host:5000, https://...).");
            }

            return uri.TrimEnd('/');
        }

        return new Uri(LocalPath(uri, workingDirectory)).AbsoluteUri;
    }

    private static string? FirstNonBlank(params string?[] values) =>
        values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
