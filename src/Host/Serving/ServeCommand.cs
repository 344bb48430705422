using System.CommandLine;
using Crucible.Host.Cli;
using Crucible.Host.Models;
using Crucible.Host.Training;
using Crucible.Torch;
using Crucible.Tracking;
using Microsoft.Extensions.Hosting;

namespace Crucible.Host.Serving;

/// <summary>
/// <c>crucible serve MODEL --port P</c>: serves a logged model with MLflow's scoring protocol on
/// Kestrel until Ctrl+C, on libtorch or ONNX Runtime (<c>--engine</c>).
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CliOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var model = new Argument<string>("MODEL") { Description = "runs:/RUN_ID/model, models:/NAME/VERSION, or a model folder." };
        var port = new Option<int>("--port", "-p") { Description = "The port to listen on. Defaults to 5000.", DefaultValueFactory = _ => 5000 };
        var host = new Option<string>("--host") { Description = "The address to listen on. Defaults to 127.0.0.1.", DefaultValueFactory = _ => "127.0.0.1" };
        var engine = new Option<string>("--engine") { Description = "libtorch (the trained module) or onnx (ONNX Runtime on the model's onnx flavor). Defaults to libtorch.", DefaultValueFactory = _ => "libtorch" };
        engine.AcceptOnlyFromAmong("libtorch", "onnx");
        var threads = new Option<int>("--threads") { Description = "Threads for one forward pass (libtorch or ONNX Runtime). Defaults to 1.", DefaultValueFactory = _ => 1 };
        var maxBody = new Option<long>("--max-body-bytes") { Description = "Larger request bodies get 413. Defaults to 16 MiB.", DefaultValueFactory = _ => 16L * 1024 * 1024 };
        var maxBatch = new Option<int>("--max-batch") { Description = "Samples of concurrent requests one forward pass takes at most. Defaults to 256.", DefaultValueFactory = _ => 256 };
        var trackingUri = new Option<string>("--tracking-uri") { Description = "Where runs:/ and models:/ are looked up; defaults to MLFLOW_TRACKING_URI, else ./mlruns." };
        var command = new Command("serve", "Serve a logged model over HTTP with MLflow's scoring protocol.") { model, port, host, engine, threads, maxBody, maxBatch, trackingUri };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = options.Session(parse);
            var serve = new ServeOptions
            {
                Port = parse.GetValue(port),
                Host = parse.GetValue(host) ?? "127.0.0.1",
                MaxBodyBytes = parse.GetValue(maxBody),
                MaxBatchRows = parse.GetValue(maxBatch),
            };
            if (serve.Port is < 0 or > 65535 || serve.MaxBodyBytes < 1 || serve.MaxBatchRows < 1 || parse.GetValue(threads) < 1 || !System.Net.IPAddress.TryParse(serve.Host, out _))
            {
                await options.Error.WriteLineAsync("error: --port must be 0-65535, --host an IP address, and --max-body-bytes, --max-batch and --threads at least 1.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var download = Directory.CreateTempSubdirectory("crucible-serve-").FullName;
            try
            {
                TrainedModel loaded;
                try
                {
                    var uri = TrackingUriResolver.Resolve(parse.GetValue(trackingUri), null);
                    var folder = await ModelSource.ResolveAsync(parse.GetRequiredValue(model), uri, download, cancellationToken).ConfigureAwait(false);
                    torch.NumThreads = parse.GetValue(threads);
                    loaded = TrainedModel.Load(folder, session.Catalog, parse.GetValue(engine) ?? "libtorch", parse.GetValue(threads));
                }
                catch (Exception e) when (e is ModelLoadException or TrackingException or MlflowApiException)
                {
                    await options.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                    return ExitCodes.BadInput;
                }

                using (loaded)
                {
                    var batcher = new PredictionBatcher((values, count) => loaded.Predict(values, count), serve.MaxBatchRows);
                    await using (batcher.ConfigureAwait(false))
                    {
                        var app = ScoringServer.Build(batcher, loaded.Preprocessing, serve);
                        await using (app.ConfigureAwait(false))
                        {
                            try
                            {
                                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                            }
                            catch (IOException e)
                            {
                                await options.Error.WriteLineAsync($"error: cannot listen on {serve.Host}:{serve.Port}: {e.Message}").ConfigureAwait(false);
                                return ExitCodes.BadInput;
                            }

                            var address = app.Urls.FirstOrDefault() ?? $"http://{serve.Host}:{serve.Port}";
                            await options.Output.WriteLineAsync($"Serving {parse.GetRequiredValue(model)} ({loaded.Engine}) on {address} (POST /invocations; Ctrl+C stops)").ConfigureAwait(false);
                            await options.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
                            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
                        }
                    }
                }

                return ExitCodes.Success;
            }
            finally
            {
                ScratchFolder.TryDelete(download);
            }
        });
        return command;
    }
}
