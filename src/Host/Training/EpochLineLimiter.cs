namespace Crucible.Host.Training;

/// <summary>
/// Decides which epoch lines reach the console: the first, the last, and otherwise at most one every
/// <see cref="Interval"/>, so three thousand epochs of xor print a handful of lines instead of
/// three thousand. The others still go to the run's log file (and to the console with
/// <c>--verbose</c>), one level down. Time comes from an injected clock, so this is tested without waiting.
/// </summary>
internal sealed class EpochLineLimiter
{
    /// <summary>The shortest time between two epoch lines on the console, unless <c>--verbose</c>.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);

    private readonly TimeProvider clock;
    private long? lastShown;

    public EpochLineLimiter(TimeProvider clock, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero);
        this.clock = clock;
        Interval = interval;
    }

    /// <summary>The limiter the CLI uses: the system clock and <see cref="DefaultInterval"/>.</summary>
    public static EpochLineLimiter Default() => new(TimeProvider.System, DefaultInterval);

    public TimeSpan Interval { get; }

    /// <summary>
    /// True when the line of an epoch that just ended goes to the console; <paramref name="last"/> is
    /// true for the final epoch (the requested count reached, or training stopping early).
    /// </summary>
    public bool Show(bool last)
    {
        var now = clock.GetTimestamp();
        if (last || lastShown is null || clock.GetElapsedTime(lastShown.Value, now) >= Interval)
        {
            lastShown = now;
            return true;
        }

        return false;
    }
}
