namespace Crucible.Host.Sweeps;

/// <summary>
/// Decides what each trial tries. Suggestions are a pure function of the trial's index, the sweep's
/// seed and the observations passed in, so running the same sweep again proposes the same trials
/// (and finished ones are skipped).
/// </summary>
internal abstract class SweepStrategy
{
    /// <summary>How many trials the sweep has.</summary>
    public abstract int TrialCount { get; }

    /// <summary>
    /// True when suggestions depend on earlier results (TPE): the sweep then runs trials in rounds
    /// of as many as run at once and observes each round before suggesting the next.
    /// </summary>
    public virtual bool Adaptive => false;

    /// <summary>The assignment of trial <paramref name="index"/> (0-based), given what has been observed.</summary>
    public abstract TrialAssignment Suggest(int index, IReadOnlyList<TrialObservation> observations);

    public static SweepStrategy Create(SweepDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.Strategy switch
        {
            SweepStrategyKind.Grid => new GridSearch(definition.Parameters),
            SweepStrategyKind.Random => new RandomSearch(definition.Parameters, definition.Trials, definition.Seed),
            SweepStrategyKind.Tpe => new TpeSearch(definition.Parameters, definition.Trials, definition.Seed, definition.Direction, definition.StartupTrials),
            _ => throw new ArgumentOutOfRangeException(nameof(definition), definition.Strategy, "unknown strategy"),
        };
    }

    /// <summary>A random generator for trial <paramref name="index"/> of a sweep seeded with <paramref name="seed"/>.</summary>
    protected static Random TrialRandom(int seed, int index) => new(unchecked((seed * 1_000_003) + index));
}
