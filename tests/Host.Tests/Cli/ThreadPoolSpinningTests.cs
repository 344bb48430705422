using Crucible.Host.Cli;

namespace Crucible.Host.Tests.Cli;

/// <summary>Which commands turn the thread pool's idle spinning off (the runtime reads the setting when its pool starts).</summary>
public sealed class ThreadPoolSpinningTests
{
    private const string SpinLimit = "System.Threading.ThreadPool.UnfairSemaphoreSpinLimit";

    [Fact]
    public void Serve_keeps_the_spinning_and_every_other_command_turns_it_off()
    {
        var before = AppContext.GetData(SpinLimit);
        ThreadPoolSpinning.Configure(["serve", "runs:/abc/model", "--port", "5000"]);
        ThreadPoolSpinning.Configure(["--verbose", "serve", "model"]);
        AppContext.GetData(SpinLimit).Should().Be(before, "serve answers requests sooner on a spinning worker");

        ThreadPoolSpinning.Configure(["run", "experiments/xor.json", "--threads", "1"]);

        AppContext.GetData(SpinLimit).Should().Be(before ?? 0, "a setting already made (runtimeconfig) is kept, else spinning is off");
    }
}
