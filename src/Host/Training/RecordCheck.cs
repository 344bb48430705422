using Crucible.Abstractions;
using Crucible.Host.Configuration;
using Crucible.Tracking;
using Crucible.Tracking.Model;
using Experiment = Crucible.Host.Configuration.Experiment;

namespace Crucible.Host.Training;

/// <summary>
/// What can be checked about a run's record before anything is composed or recorded (the first check
/// of <see cref="RunPreflight"/>): the tracking store can be written (a folder that is writable, an
/// http(s) URI that parses), and the experiment name, run name, tags and params are within MLflow's
/// limits. Each problem names where it came from.
/// </summary>
internal static class RecordCheck
{
    public static List<ConfigProblem> Check(Experiment experiment, RunOptions options, string trackingUri, string experimentName)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<ConfigProblem>();
        var file = experiment.FilePath;
        if (StoreProblem(trackingUri) is { } store)
        {
            var (source, path) = options.TrackingUri is not null ? ("--tracking-uri", JsonPaths.Root)
                : experiment.Tracking.TrackingUri is not null ? (file, "$.tracking.trackingUri")
                : Environment.GetEnvironmentVariable(TrackingUriResolver.TrackingUriVariable) is { Length: > 0 } ? (TrackingUriResolver.TrackingUriVariable, JsonPaths.Root)
                : ("the default tracking store ./mlruns", JsonPaths.Root);
            problems.Add(new ConfigProblem(source, path, store));
        }

        Check(problems, options.ExperimentName is null ? file : "--experiment", "$.tracking.experimentName", () => MlflowValidator.ValidateExperimentName(experimentName));
        if (experiment.Tracking.RunName is { } runName)
        {
            Check(problems, file, "$.tracking.runName", () => MlflowValidator.ValidateTag("mlflow.runName", runName));
        }

        foreach (var (key, value) in experiment.Tracking.Tags)
        {
            Check(problems, file, JsonPaths.Property("$.tracking.tags", key), () => MlflowValidator.ValidateTag(key, SecretMasker.MaskValue(key, value) ?? string.Empty));
        }

        if (options.ResumeRunId is null)
        {
            foreach (var (key, value) in ExperimentParams.Flatten(experiment.Resolved))
            {
                Check(problems, file, "$." + key, () => MlflowValidator.ValidateParam(key, value));
            }
        }

        return problems;
    }

    /// <summary>Why nothing could be recorded at <paramref name="trackingUri"/>, or null when it can be tried.</summary>
    public static string? StoreProblem(string trackingUri)
    {
        ArgumentNullException.ThrowIfNull(trackingUri);
        if (!TrackingUriResolver.IsLocal(trackingUri))
        {
            return Uri.TryCreate(trackingUri, UriKind.Absolute, out var uri) && uri.Host.Length > 0
                ? null
                : $"the tracking URI '{MessageText.Cut(SecretMasker.MaskUriCredentials(trackingUri))}' is not a valid http(s) URI (expected http://host:port).";
        }

        string folder;
        try
        {
            folder = TrackingUriResolver.LocalPath(trackingUri);
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"the tracking URI '{MessageText.Cut(trackingUri)}' does not name a folder: {e.Message}";
        }

        // The store folder, or the nearest folder above it that exists: it must be a folder we can write to.
        var existing = folder;
        while (!Directory.Exists(existing))
        {
            if (Path.Exists(existing))
            {
                return $"the tracking store '{folder}' cannot be created: '{existing}' {DataFiles.Problem(existing, directory: true) ?? "is not a folder"}.";
            }

            existing = Path.GetDirectoryName(existing);
            if (existing is null)
            {
                return $"the tracking store '{folder}' has no existing parent folder.";
            }
        }

        var probe = Path.Combine(existing, $".crucible-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"the tracking store '{folder}' is not writable ('{existing}': {e.Message}).";
        }
    }

    private static void Check(List<ConfigProblem> problems, string source, string path, Action validate)
    {
        try
        {
            validate();
        }
        catch (TrackingValidationException e)
        {
            problems.Add(new ConfigProblem(source, MessageText.Shorten(path), MessageText.Shorten(e.Message)));
        }
    }
}
