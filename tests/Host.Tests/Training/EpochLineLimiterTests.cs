using Crucible.Host.Training;
using Microsoft.Extensions.Time.Testing;

namespace Crucible.Host.Tests.Training;

public class EpochLineLimiterTests
{
    [Fact]
    public void Many_quick_epochs_show_the_first_one_per_interval_and_the_last()
    {
        var clock = new FakeTimeProvider();
        var limiter = new EpochLineLimiter(clock, TimeSpan.FromSeconds(5));
        var shown = new List<int>();

        // 3000 epochs of 4 ms each: 12 s in all.
        for (var epoch = 1; epoch <= 3000; epoch++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(4));
            if (limiter.Show(last: epoch == 3000))
            {
                shown.Add(epoch);
            }
        }

        // Epoch 1 at 4 ms, then the first epoch at least 5 s later (1251 at 5.004 s), 2501 at 10.004 s, and the last.
        shown.Should().Equal(1, 1251, 2501, 3000);
    }

    [Fact]
    public void Slow_epochs_are_all_shown()
    {
        var clock = new FakeTimeProvider();
        var limiter = new EpochLineLimiter(clock, TimeSpan.FromSeconds(5));
        for (var epoch = 1; epoch <= 5; epoch++)
        {
            clock.Advance(TimeSpan.FromSeconds(5));
            limiter.Show(last: epoch == 5).Should().BeTrue();
        }
    }

    [Fact]
    public void The_last_epoch_is_shown_even_right_after_another()
    {
        var clock = new FakeTimeProvider();
        var limiter = new EpochLineLimiter(clock, TimeSpan.FromSeconds(5));
        limiter.Show(last: false).Should().BeTrue();
        limiter.Show(last: false).Should().BeFalse();
        limiter.Show(last: true).Should().BeTrue();
    }

    [Fact]
    public void A_zero_interval_shows_every_epoch()
    {
        var limiter = new EpochLineLimiter(new FakeTimeProvider(), TimeSpan.Zero);
        Enumerable.Range(0, 10).Select(_ => limiter.Show(last: false)).Should().AllSatisfy(s => s.Should().BeTrue());
    }
}
