using System.CommandLine;
using System.Globalization;
using Crucible.Host.Models;
using Crucible.Tracking;

namespace Crucible.Host.Cli;

/// <summary><c>crucible register RUN_ID NAME</c>: a new version of registered model NAME from the run's logged model.</summary>
internal static class RegisterCommand
{
    public static Command Create(CliOptions options)
    {
        var runId = new Argument<string>("RUN_ID") { Description = "The run whose model/ to register." };
        var name = new Argument<string>("NAME") { Description = "The registered model (created when missing)." };
        var trackingUri = new Option<string>("--tracking-uri") { Description = "The store holding the run and the registry; defaults to MLFLOW_TRACKING_URI, else ./mlruns." };
        var command = new Command("register", "Register a run's model as a new version in MLflow's Model Registry.") { runId, name, trackingUri };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var uri = TrackingUriResolver.Resolve(parse.GetValue(trackingUri), null);
                var version = await ModelRegistration.RegisterAsync(uri, parse.GetRequiredValue(runId), parse.GetRequiredValue(name), cancellationToken).ConfigureAwait(false);
                await options.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Registered models:/{version.Name}/{version.Version} (run {version.RunId})")).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is ModelLoadException or InvalidParameterException)
            {
                await options.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }
            catch (Exception e) when (e is TrackingException or MlflowApiException)
            {
                await options.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }
        });
        return command;
    }
}
