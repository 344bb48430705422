using System.CommandLine;
using Crucible.Host.Training;
using Crucible.Tracking;
using Crucible.Tracking.Outbox;
using Microsoft.Extensions.Logging;

namespace Crucible.Host.Cli;

/// <summary>
/// <c>crucible sync</c>: delivers every record runs left in their outboxes (the store was down, or
/// the process died) to the store each outbox names. Safe to repeat: nothing arrives twice. A run
/// whose process died is ended FAILED by the replay.
/// </summary>
internal static partial class SyncCommand
{
    public static Command Create(CliOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var outbox = new Option<string>("--outbox")
        {
            Description = "The outbox folder to replay. Defaults to CRUCIBLE_OUTBOX, else ~/.local/share/crucible/outbox.",
            HelpName = "DIR",
        };
        var trackingUri = new Option<string>("--tracking-uri")
        {
            Description = "Credentials for the server: user info in this URI (http://user:password@host:5000) is used for the outboxes of that server. " +
                "Without it, MLFLOW_TRACKING_USERNAME/PASSWORD or MLFLOW_TRACKING_TOKEN are used. Outboxes never hold credentials.",
            HelpName = "URI",
        };
        var command = new Command("sync", "Deliver what runs left in their outboxes to their tracking stores.") { outbox, trackingUri };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var logging = RunLogging.CreateConsole(parse.GetValue(options.Verbose), parse.GetValue(options.LogFile));
            return await RunAsync(parse.GetValue(outbox), logging.CreateLogger("Crucible.Sync"), options.Output, parse.GetValue(trackingUri), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>
    /// Replays the outboxes under <paramref name="outboxRoot"/> (default: the recorder's); 0 when everything was delivered, 1 otherwise.
    /// An outbox of the server <paramref name="trackingUri"/> names is opened with that URI (and so its user info).
    /// </summary>
    public static async Task<int> RunAsync(string? outboxRoot, ILogger logger, TextWriter output, string? trackingUri = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(output);
        var root = outboxRoot ?? OutboxReplayer.DefaultOutboxRoot;
        var withCredentials = string.IsNullOrWhiteSpace(trackingUri) ? null : trackingUri.Trim().TrimEnd('/');
        var report = await OutboxReplayer.SyncAllAsync(
            root,
            uri => TrackingStoreFactory.Create(withCredentials is not null && string.Equals(UriUserInfo.Strip(withCredentials), uri, StringComparison.OrdinalIgnoreCase) ? withCredentials : uri),
            logger,
            cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(
            $"sync: {report.Runs} outbox(es) in {root}: {report.DeliveredRecords} record(s) delivered, {report.CompletedRuns} run(s) complete, " +
            $"{report.RemainingRecords} left, {report.RejectedRecords} rejected, {report.SkippedInUse} in use by a live run").ConfigureAwait(false);
        foreach (var (provisional, runId) in report.CreatedRuns ?? new Dictionary<string, string>())
        {
            await output.WriteLineAsync($"sync: run {provisional} (recorded offline) is now run {runId}").ConfigureAwait(false);
        }

        foreach (var error in report.Errors)
        {
            LogSyncError(logger, error);
        }

        return report.AllDelivered ? ExitCodes.Success : ExitCodes.Failed;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "sync: {Error}")]
    private static partial void LogSyncError(ILogger logger, string error);
}
