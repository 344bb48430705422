namespace Crucible.Torch.Optim;

/// <summary>
/// The state of an optimizer that counts each parameter's steps (<c>state["step"]</c>), which is
/// all of them but SGD: the typed states of Adam, RMSprop, ... derive from it.
/// </summary>
public abstract class SteppedParameterState : ParameterState
{
    /// <summary>Steps taken (<c>step</c>).</summary>
    public double Step
    {
        get => GetValue(Optimizer.StepKey);
        set => Values[Optimizer.StepKey] = value;
    }
}
