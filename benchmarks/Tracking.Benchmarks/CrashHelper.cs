using System.Globalization;
using Crucible.Tracking.Rest;

namespace Crucible.Tracking.Benchmarks;

/// <summary>
/// A training stand-in for the SIGKILL test: starts a run, then logs one metric point per
/// millisecond and prints "STEP n t" (t = ms since the epoch, after the call returned) until killed.
/// </summary>
internal static class CrashHelper
{
    public static async Task<int> RunAsync(string trackingUri, string outboxDirectory)
    {
        var store = TrackingUriResolver.IsLocal(trackingUri)
            ? TrackingStoreFactory.Create(trackingUri)
            : new MlflowRestStore(trackingUri, new MlflowRestOptions { MaxRetries = 0 });
        var recorder = await RunRecorder.StartAsync(
            store,
            new RunStartOptions { ExperimentName = "crash", RunName = "killed", SourceDirectory = Path.GetTempPath() },
            new RecorderOptions { OutboxDirectory = outboxDirectory, FlushInterval = TimeSpan.FromMilliseconds(200), InitialRetryDelay = TimeSpan.FromMilliseconds(50), MaxRetryDelay = TimeSpan.FromMilliseconds(200) });
        var output = Console.Out;
        output.WriteLine("RUN " + recorder.RunId);
        output.Flush();
        recorder.LogParam("mode", "crash");
        for (long step = 0; ; step++)
        {
            recorder.LogMetric("loss", 1.0 / (step + 1), step);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"STEP {step} {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}"));
            output.Flush();
            Thread.Sleep(1);
        }
    }
}
