using Crucible.Host.Cli;

namespace Crucible.Host;

/// <summary>The <c>crucible</c> command line.</summary>
internal static class Program
{
    private static Task<int> Main(string[] args)
    {
        ThreadPoolSpinning.Configure(args);
        return CrucibleCli.RunAsync(args, Console.Out, Console.Error);
    }
}
