using System.Globalization;
using Crucible.Tracking.Model;
using Crucible.Tracking.Recording;
using Crucible.Tracking.Rest;

namespace Crucible.Tracking.Benchmarks;

/// <summary>
/// A training stand-in for the SIGKILL test: starts a run, then logs one metric point per
/// millisecond and prints "STEP n" until killed. A line "flush" on stdin makes it wait until every
/// point logged so far is durable (in the outbox or the store) and print "DURABLE n": the test
/// synchronizes on that line, not on time.
/// </summary>
internal static class CrashHelper
{
    public static async Task<int> RunAsync(string trackingUri, string outboxDirectory)
    {
        var store = TrackingUriResolver.IsLocal(trackingUri)
            ? TrackingStoreFactory.Create(trackingUri)
            : new MlflowRestStore(trackingUri, new MlflowRestOptions());
        var recorder = await RunRecorder.StartAsync(
            store,
            new RunStartOptions { ExperimentName = "crash", RunName = "killed", SourceDirectory = Path.GetTempPath() },
            new RecorderOptions { OutboxDirectory = outboxDirectory, FlushInterval = TimeSpan.FromMilliseconds(200), InitialRetryDelay = TimeSpan.FromMilliseconds(50), MaxRetryDelay = TimeSpan.FromMilliseconds(200) });
        var output = TextWriter.Synchronized(Console.Out);
        output.WriteLine("RUN " + recorder.RunId);
        output.Flush();
        recorder.LogParam("mode", "crash");
        long lastLogged = -1;
        var commands = Task.Run(async () =>
        {
            while (await Console.In.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                if (line.Trim() == "flush")
                {
                    var upTo = Interlocked.Read(ref lastLogged);
                    await recorder.FlushAsync(TimeSpan.FromMinutes(5)).ConfigureAwait(false);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"DURABLE {upTo}"));
                    output.Flush();
                }
            }
        });
        for (long step = 0; !commands.IsFaulted; step++)
        {
            recorder.LogMetric("loss", 1.0 / (step + 1), step);
            Interlocked.Exchange(ref lastLogged, step);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"STEP {step}"));
            output.Flush();
            Thread.Sleep(1);
        }

        await commands.ConfigureAwait(false);
        return 1;
    }
}
