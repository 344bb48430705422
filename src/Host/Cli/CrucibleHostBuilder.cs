using Crucible.Host.Configuration;
using Crucible.Host.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;

namespace Crucible.Host.Cli;

/// <summary>
/// Builds the generic host a command runs in: Serilog logging (console on stderr, so stdout stays
/// clean for <c>crucible schema</c>, plus a file when asked), the discovered plugins and the
/// experiment loader.
/// </summary>
internal static class CrucibleHostBuilder
{
    public static IHost Build(IReadOnlyList<PluginFolder> folders, string? logFile, bool verbose)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = Environment.CurrentDirectory,
        });

        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(verbose ? LogEventLevel.Debug : LogEventLevel.Information)
            .WriteTo.Console(
                outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}",
                standardErrorFromLevel: LogEventLevel.Verbose,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        if (logFile is not null)
        {
            configuration = configuration.WriteTo.File(logFile, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(configuration.CreateLogger(), dispose: true);

        builder.Services.AddCruciblePlugins(PluginDiscovery.Discover(folders));
        builder.Services.AddSingleton<ExperimentLoader>();
        return builder.Build();
    }
}
