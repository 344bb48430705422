using System.CommandLine;
using Crucible.Host.Configuration;
using Crucible.Host.Export;
using Crucible.Host.Training;
using Crucible.Onnx;
using Crucible.Tracking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crucible.Host.Cli;

/// <summary>
/// <c>crucible export RUN_ID --format onnx -o FILE</c>: rebuilds a recorded run's trained model from
/// its record (experiment + weights, local store or server) and writes it as ONNX. Exit 2 when the
/// run or its weights are missing or the format is unknown, 1 when a layer has no ONNX form (the
/// message names it).
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CliOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var runId = new Argument<string>("RUN_ID") { Description = "The run whose trained model to export." };
        var format = new Option<string>("--format") { Description = "The file format: onnx.", DefaultValueFactory = _ => "onnx", HelpName = "FORMAT" };
        var output = new Option<string>("--output", "-o") { Description = "The file to write.", HelpName = "FILE", Required = true };
        var trackingUri = new Option<string>("--tracking-uri") { Description = "Where the run is recorded (folder, file: or http(s) URI); wins over MLFLOW_TRACKING_URI." };
        var command = new Command("export", "Export a recorded run's trained model (ONNX).") { runId, format, output, trackingUri };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = options.Session(parse);
            if (!string.Equals(parse.GetValue(format), "onnx", StringComparison.OrdinalIgnoreCase))
            {
                await session.Error.WriteLineAsync($"error: --format {parse.GetValue(format)}: the only export format is onnx.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            if (!session.CheckPlugins())
            {
                return ExitCodes.BadInput;
            }

            using var logging = RunLogging.CreateConsole(session.Verbose, session.LogFile);
            return await RunAsync(
                session,
                parse.GetRequiredValue(runId),
                Path.GetFullPath(parse.GetRequiredValue(output)),
                parse.GetValue(trackingUri),
                logging.CreateLogger("Crucible.Export"),
                cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliSession session, string runId, string file, string? trackingUriOption, ILogger logger, CancellationToken cancellationToken)
    {
        string trackingUri;
        try
        {
            trackingUri = TrackingUriResolver.Resolve(trackingUriOption, null, workingDirectory: Environment.CurrentDirectory);
        }
        catch (TrackingException e)
        {
            await session.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        try
        {
            using var recorded = await RecordedModel.LoadAsync(trackingUri, runId, session.Services.GetRequiredService<ExperimentLoader>(), logger, cancellationToken).ConfigureAwait(false);
            var exportOptions = OnnxModelOptions.For(recorded.Composed.Metadata, runId);
            var bytes = OnnxExporter.Export(recorded.Composed.Model, exportOptions);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllBytesAsync(file, bytes, cancellationToken).ConfigureAwait(false);
            var kind = exportOptions.InputType.ToString().ToLowerInvariant();
            await session.Output.WriteLineAsync(
                $"Exported run {runId} to {file} ({bytes.Length:N0} bytes, ONNX opset {OnnxGraph.Opset}): input '{exportOptions.InputName}' {kind} [batch, {string.Join(", ", exportOptions.InputShape)}].").ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (ExportException e)
        {
            await session.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (OnnxExportException e)
        {
            await session.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (Exception e) when (e is TrackingException or MlflowApiException)
        {
            await session.Error.WriteLineAsync($"error: cannot read run '{runId}' from {trackingUri}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
    }
}
