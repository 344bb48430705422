using Crucible.Abstractions;
using Crucible.Host.Training;

namespace Crucible.Host.Tests.Training;

[Collection(GlobalState.Name)]
public class CallbackDispatcherTests
{
    [Fact]
    public void Invokes_every_callback_in_order_for_each_hook()
    {
        var log = new List<string>();
        var dispatcher = new CallbackDispatcher([("first", new Recording("a", log)), ("second", new Recording("b", log))]);
        var context = new FakeTrainerContext();

        dispatcher.FitStart(context);
        dispatcher.EpochStart(context);
        dispatcher.BatchEnd(context);
        dispatcher.FitEnd(context);

        log.Should().Equal("a:fit", "b:fit", "a:epoch", "b:epoch", "a:batch", "b:batch", "a:end", "b:end");
    }

    [Fact]
    public void An_exception_from_a_hook_fails_the_run_naming_the_callback_and_hook()
    {
        var dispatcher = new CallbackDispatcher([("boom", new Throwing())]);
        var context = new FakeTrainerContext { Epoch = 3, Batch = 7 };

        var act = () => dispatcher.BatchEnd(context);

        act.Should().Throw<TrainingException>()
            .WithMessage("Callback 'boom' failed in OnBatchEnd (epoch 3, batch 7): bad state")
            .WithInnerException<InvalidOperationException>();
    }

    private sealed class Recording(string name, List<string> log) : ITrainingCallback
    {
        public void OnFitStart(ITrainerContext context) => log.Add($"{name}:fit");

        public void OnEpochStart(ITrainerContext context) => log.Add($"{name}:epoch");

        public void OnBatchEnd(ITrainerContext context) => log.Add($"{name}:batch");

        public void OnFitEnd(ITrainerContext context) => log.Add($"{name}:end");
    }

    private sealed class Throwing : ITrainingCallback
    {
        public void OnBatchEnd(ITrainerContext context) => throw new InvalidOperationException("bad state");
    }
}
