using Crucible.Torch;

namespace Crucible.Host;

/// <summary>The <c>crucible</c> command line.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] is "--version" or "version")
        {
            Console.WriteLine($"crucible {typeof(Program).Assembly.GetName().Version} (libtorch {torch.Version})");
            return 0;
        }

        Console.Error.WriteLine("usage: crucible --version");
        return 2;
    }
}
