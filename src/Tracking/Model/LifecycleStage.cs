namespace Crucible.Tracking.Model;

/// <summary>MLflow's lifecycle stage names.</summary>
public static class LifecycleStage
{
    /// <summary>A live experiment or run.</summary>
    public const string Active = "active";

    /// <summary>A soft-deleted experiment or run.</summary>
    public const string Deleted = "deleted";
}
