namespace Crucible.Tracking.Tests;

/// <summary>Waits for a condition that another thread or process makes true; the timeout is only a safety net.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static async Task WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, what);
            await Task.Delay(10);
        }
    }
}
