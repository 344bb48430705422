namespace Crucible.Tracking.Model;

/// <summary>A dataset used by a run, with input tags such as <c>mlflow.data.context</c> = <c>training</c>.</summary>
/// <param name="Dataset">The dataset.</param>
/// <param name="Tags">Input tags (may be empty).</param>
public sealed record DatasetInput(Dataset Dataset, IReadOnlyList<RunTag> Tags)
{
    /// <summary>The tag MLflow uses for the role of the data (training, validation, test).</summary>
    public const string ContextTag = "mlflow.data.context";

    /// <summary>Creates an input with only the <c>mlflow.data.context</c> tag.</summary>
    public static DatasetInput WithContext(Dataset dataset, string context) =>
        new(dataset, [new RunTag(ContextTag, context)]);
}
