namespace Crucible.Host.Cli;

/// <summary>The process exit codes, as documented in the README.</summary>
internal static class ExitCodes
{
    /// <summary>Everything worked.</summary>
    public const int Success = 0;

    /// <summary>The run failed (it is recorded as FAILED).</summary>
    public const int Failed = 1;

    /// <summary>The experiment file or the command line is wrong; nothing was recorded.</summary>
    public const int BadInput = 2;

    /// <summary>Interrupted by Ctrl+C or SIGTERM; the run is recorded as KILLED.</summary>
    public const int Interrupted = 130;
}
