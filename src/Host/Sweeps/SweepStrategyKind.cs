namespace Crucible.Host.Sweeps;

/// <summary>How a sweep chooses its trials.</summary>
internal enum SweepStrategyKind
{
    /// <summary>Every combination of the listed values.</summary>
    Grid,

    /// <summary>N trials drawn at random (seeded).</summary>
    Random,

    /// <summary>Tree-structured Parzen estimator (as Optuna and hyperopt): random at first, then model-based.</summary>
    Tpe,
}
