using System.Globalization;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Logging;
using ILogger = Microsoft.Extensions.Logging.ILogger;

namespace Crucible.Host.Training;

/// <summary>
/// The run's Serilog pipeline: readable lines on the console (information and up) and a detailed
/// log file (debug and up, exceptions with stack traces) that is recorded as the run's
/// <c>crucible.log</c> artifact. The file is written through (no buffering), so the artifact
/// snapshot taken at the end holds every line.
/// </summary>
internal sealed class RunLogging : IDisposable
{
    public const string FileName = "crucible.log";

    // Readable lines on the console; the files keep the date, the zone, the category and any exception.
    private const string ConsoleTemplate = "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}";
    private const string FileTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    private readonly Serilog.Core.Logger logger;
    private readonly SerilogLoggerFactory factory;

    private RunLogging(Serilog.Core.Logger logger)
    {
        this.logger = logger;
        factory = new SerilogLoggerFactory(logger);
    }

    /// <summary>
    /// Console (debug and up when <paramref name="verbose"/>, warnings and up when <paramref name="quiet"/>),
    /// the run's file (always debug and up), and optionally the user's <c>--log-file</c>.
    /// </summary>
    public static RunLogging Create(string logFile, bool verbose = false, string? extraLogFile = null, bool quiet = false) =>
        Build(
            ToConsole(ConsoleLevel(verbose, quiet)).WriteTo.File(logFile, outputTemplate: FileTemplate, formatProvider: CultureInfo.InvariantCulture, buffered: false),
            extraLogFile);

    /// <summary>Console only (and the user's <c>--log-file</c>), for commands that record no run.</summary>
    public static RunLogging CreateConsole(bool verbose = false, string? extraLogFile = null) =>
        Build(ToConsole(ConsoleLevel(verbose, quiet: false)), extraLogFile);

    private static LoggerConfiguration ToConsole(LogEventLevel level) =>
        new LoggerConfiguration()
            .MinimumLevel.Debug()
            .WriteTo.Console(
                restrictedToMinimumLevel: level,
                standardErrorFromLevel: LogEventLevel.Error,
                outputTemplate: ConsoleTemplate,
                formatProvider: CultureInfo.InvariantCulture);

    /// <summary>Adds the user's <c>--log-file</c> when there is one (shared: several processes may append to it).</summary>
    private static RunLogging Build(LoggerConfiguration configuration, string? extraLogFile)
    {
        if (extraLogFile is not null)
        {
            configuration = configuration.WriteTo.File(extraLogFile, outputTemplate: FileTemplate, formatProvider: CultureInfo.InvariantCulture, shared: true);
        }

        return new RunLogging(configuration.CreateLogger());
    }

    private static LogEventLevel ConsoleLevel(bool verbose, bool quiet) =>
        quiet ? LogEventLevel.Warning : verbose ? LogEventLevel.Debug : LogEventLevel.Information;

    public ILogger CreateLogger(string category) => factory.CreateLogger(category);

    public void Dispose()
    {
        factory.Dispose();
        logger.Dispose();
    }
}
