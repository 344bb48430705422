using System.Collections.Concurrent;
using Crucible.Host.Models;
using Crucible.Host.Serving;

namespace Crucible.Host.Tests.Serving;

/// <summary>
/// The serving batcher: a request that finds the model idle runs on its caller's thread; requests
/// that arrive while the model is busy run together in the next forward pass (up to the row limit),
/// each gets its own rows back, and a failed pass fails only its own requests; disposing answers what
/// is queued and refuses the rest. Synchronized on the model being entered, never on time.
/// </summary>
public sealed class PredictionBatcherTests
{
    [Fact]
    public async Task A_request_that_finds_the_model_idle_is_answered_on_its_own_thread_before_the_call_returns()
    {
        var threads = new ConcurrentQueue<int>();
        var batcher = new PredictionBatcher(
            (values, count) =>
            {
                threads.Enqueue(Environment.CurrentManagedThreadId);
                return values.Select(v => new Prediction(null, -1, [v * 10])).ToArray();
            },
            maxBatchRows: 256);
        await using (batcher.ConfigureAwait(false))
        {
            var answer = batcher.PredictAsync([1, 2], 2);

            answer.IsCompletedSuccessfully.Should().BeTrue("the pass ran inside the call, no hand-off to another thread");
            threads.Should().Equal(Environment.CurrentManagedThreadId);
            (await answer).Select(p => p.Values[0]).Should().Equal(10, 20);
        }
    }

    [Fact]
    public async Task Requests_queued_while_the_model_is_busy_run_in_one_pass_and_get_their_own_rows()
    {
        using var model = new GatedModel();
        var batcher = new PredictionBatcher(model.Predict, maxBatchRows: 256);
        await using (batcher.ConfigureAwait(false))
        {
            // The first request finds the model idle and runs its pass on its own thread, held in the model.
            var first = Task.Run(() => batcher.PredictAsync([1], 1));
            await model.Entered.WaitAsync();
            var second = batcher.PredictAsync([2, 3], 2);
            var third = batcher.PredictAsync([4], 1);
            var fourth = batcher.PredictAsync([5], 1);
            second.IsCompleted.Should().BeFalse("the model is busy: the request waits for the next pass");
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
            var first = Task.Run(() => batcher.PredictAsync([1], 1));
            await model.Entered.WaitAsync();
            var waiting = new[] { batcher.PredictAsync([2], 1), batcher.PredictAsync([3], 1), batcher.PredictAsync([-1], 1) };
            model.Release.Set();

            (await first).Single().Values[0].Should().Be(10);
            (await waiting[0]).Single().Values[0].Should().Be(20);
            (await waiting[1]).Single().Values[0].Should().Be(30);
            await FluentActions.Awaiting(() => waiting[2]).Should().ThrowAsync<InvalidOperationException>().WithMessage("negative");
            model.Passes.Should().Equal(1, 2, 1);

            // The batcher survived the failure.
            (await batcher.PredictAsync([6], 1)).Single().Values[0].Should().Be(60);
        }
    }

    [Fact]
    public async Task Disposing_waits_for_the_pass_under_way_answers_what_is_queued_and_refuses_new_requests()
    {
        using var model = new GatedModel();
        var batcher = new PredictionBatcher(model.Predict, maxBatchRows: 256);
        var first = Task.Run(() => batcher.PredictAsync([1], 1));
        await model.Entered.WaitAsync();
        var queued = batcher.PredictAsync([2], 1);

        var disposing = batcher.DisposeAsync().AsTask();
        disposing.IsCompleted.Should().BeFalse("a pass is under way");
        await FluentActions.Awaiting(() => batcher.PredictAsync([3], 1)).Should().ThrowAsync<ObjectDisposedException>();
        model.Release.Set();
        await disposing;

        (await first).Single().Values[0].Should().Be(10);
        (await queued).Single().Values[0].Should().Be(20);
        model.Passes.Should().Equal(1, 1);
        await FluentActions.Awaiting(() => batcher.PredictAsync([4], 1)).Should().ThrowAsync<ObjectDisposedException>();
        await batcher.DisposeAsync();
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
