namespace Crucible.Abstractions;

/// <summary>What a dataset's targets are, so models, losses and metrics can shape themselves.</summary>
public enum TaskKind
{
    /// <summary>Targets are class indices (int64), or 0/1 floats for a single-logit binary model.</summary>
    Classification,

    /// <summary>Targets are real values (float32), one column per output.</summary>
    Regression,
}
