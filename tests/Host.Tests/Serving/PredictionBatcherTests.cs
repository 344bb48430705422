using System.Collections.Concurrent;
using Crucible.Host.Models;
using Crucible.Host.Serving;

namespace Crucible.Host.Tests.Serving;

/// <summary>
/// The serving batcher: requests that arrive while the model is busy run together in the next
/// forward pass (up to the row limit), each gets its own rows back, and a failed pass fails only its
/// own requests. Synchronized on the model being entered, never on time.
/// </summary>
public sealed class PredictionBatcherTests
{
    [Fact]
    public async Task Requests_queued_while_the_model_is_busy_run_in_one_pass_and_get_their_own_rows()
    {
        using var model = new GatedModel();
        var batcher = new PredictionBatcher(model.Predict, maxBatchRows: 256);
        await using (batcher.ConfigureAwait(false))
        {
            var first = batcher.PredictAsync([1], 1);
            await model.Entered.WaitAsync();
            var second = batcher.PredictAsync([2, 3], 2);
            var third = batcher.PredictAsync([4], 1);
            var fourth = batcher.PredictAsync([5], 1);
            model.Release.Set();

            (await first).Select(p => p.Values[0]).Should().Equal(10);
            (await second).Select(p => p.Values[0]).Should().Equal(20, 30);
            (await third).Select(p => p.Values[0]).Should().Equal(40);
            (await fourth).Select(p => p.Values[0]).Should().Equal(50);
            model.Passes.Should().Equal(1, 4);
            batcher.Counts.Should().Be((2L, 4L));
        }
    }

    [Fact]
    public async Task A_pass_takes_at_most_the_row_limit_and_a_failed_pass_fails_only_its_requests()
    {
        using var model = new GatedModel();
        var batcher = new PredictionBatcher(model.Predict, maxBatchRows: 2);
        await using (batcher.ConfigureAwait(false))
        {
            var first = batcher.PredictAsync([1], 1);
            await model.Entered.WaitAsync();
            var waiting = new[] { batcher.PredictAsync([2], 1), batcher.PredictAsync([3], 1), batcher.PredictAsync([-1], 1) };
            model.Release.Set();

            (await first).Single().Values[0].Should().Be(10);
            (await waiting[0]).Single().Values[0].Should().Be(20);
            (await waiting[1]).Single().Values[0].Should().Be(30);
            await FluentActions.Awaiting(() => waiting[2]).Should().ThrowAsync<InvalidOperationException>().WithMessage("negative");
            model.Passes.Should().Equal(1, 2, 1);

            // The worker survived the failure.
            (await batcher.PredictAsync([6], 1)).Single().Values[0].Should().Be(60);
        }
    }

    /// <summary>One value per sample, answered times ten; the first pass waits for <see cref="Release"/>.</summary>
    private sealed class GatedModel : IDisposable
    {
        public SemaphoreSlim Entered { get; } = new(0);

        public ManualResetEventSlim Release { get; } = new();

        public ConcurrentQueue<int> Passes { get; } = new();

        public Prediction[] Predict(double[] values, int count)
        {
            Passes.Enqueue(count);
            Entered.Release();
            Release.Wait();
            if (values.Any(v => v < 0))
            {
                throw new InvalidOperationException("negative");
            }

            return values.Select(v => new Prediction(null, -1, [v * 10])).ToArray();
        }

        public void Dispose()
        {
            Entered.Dispose();
            Release.Dispose();
        }
    }
}
