using System.CommandLine;
using Crucible.Host.Export;
using Crucible.Host.Models;
using Crucible.Host.Training;
using Crucible.Onnx;
using Crucible.Torch.Nn;
using Crucible.Tracking;
using Crucible.Tracking.Model;

namespace Crucible.Host.Cli;

/// <summary>
/// <c>crucible export RUN_ID --format onnx -o FILE</c>: loads the run's logged model (its <c>model/</c>
/// folder from the local store or a server: the network built again from the recorded experiment, its
/// weights and preprocessing; no dataset is read) and writes it as ONNX. Exit 2 when the
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

            return await RunAsync(
                session,
                parse.GetRequiredValue(runId),
                Path.GetFullPath(parse.GetRequiredValue(output)),
                parse.GetValue(trackingUri),
                cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliSession session, string runId, string file, string? trackingUriOption, CancellationToken cancellationToken)
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

        var download = Directory.CreateTempSubdirectory("crucible-export-").FullName;
        try
        {
            string folder;
            try
            {
                folder = await ModelSource.ResolveAsync($"runs:/{runId}/{ModelFolder.ArtifactPath}", trackingUri, download, cancellationToken).ConfigureAwait(false);
            }
            catch (ModelLoadException)
            {
                throw new ExportException($"There is no run '{runId}' with a logged model ({ModelFolder.ArtifactPath}/) in {trackingUri}. Check the run id and --tracking-uri (or MLFLOW_TRACKING_URI); only runs that finished training log their model.");
            }

            Module module;
            ModelPreprocessing preprocessing;
            try
            {
                (module, preprocessing) = TrainedModel.LoadModule(folder, session.Catalog);
            }
            catch (ModelLoadException e)
            {
                throw new ExportException($"Run '{runId}''s model cannot be loaded here: {e.Message}");
            }

            byte[] bytes;
            OnnxExportOptions exportOptions;
            using (module)
            {
                exportOptions = OnnxModelOptions.For(preprocessing.ToMetadata(), runId);
                bytes = OnnxExporter.Export(module, exportOptions);
            }

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
        finally
        {
            ScratchFolder.TryDelete(download);
        }
    }
}
