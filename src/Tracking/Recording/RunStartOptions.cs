namespace Crucible.Tracking.Recording;

/// <summary>What a new run is: where it goes, its name and tags.</summary>
public sealed record RunStartOptions
{
    /// <summary>The experiment, by name; created when missing. Ignored when <see cref="ExperimentId"/> is set. Defaults to <c>Default</c>.</summary>
    public string ExperimentName { get; init; } = TrackingUriResolver.DefaultExperimentName;

    /// <summary>The experiment, by id. Defaults to none (use <see cref="ExperimentName"/>).</summary>
    public string? ExperimentId { get; init; }

    /// <summary>The run's display name. Defaults to a generated <c>adjective-noun-123</c>.</summary>
    public string? RunName { get; init; }

    /// <summary>Extra tags (masked by the caller if they may hold secrets). Defaults to none.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>The parent run of a nested run (<c>mlflow.parentRunId</c>). Defaults to none.</summary>
    public string? ParentRunId { get; init; }

    /// <summary>The run description in markdown (<c>mlflow.note.content</c>). Defaults to none.</summary>
    public string? Description { get; init; }

    /// <summary><c>mlflow.user</c> and the run's user id. Defaults to <c>$USER</c>.</summary>
    public string? User { get; init; }

    /// <summary><c>mlflow.source.name</c>. Defaults to the entry assembly's file name.</summary>
    public string? SourceName { get; init; }

    /// <summary>Where to look for a git repository for <c>mlflow.source.git.commit</c>. Defaults to the current directory.</summary>
    public string? SourceDirectory { get; init; }
}
