namespace Crucible.Tracking.Model;

/// <summary>Which runs a search returns, by lifecycle stage.</summary>
public enum ViewType
{
    /// <summary>Only active runs (the default).</summary>
    ActiveOnly,

    /// <summary>Only deleted runs.</summary>
    DeletedOnly,

    /// <summary>Active and deleted runs.</summary>
    All,
}
