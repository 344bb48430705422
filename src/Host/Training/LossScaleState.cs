namespace Crucible.Host.Training;

/// <summary>
/// What a checkpoint keeps of the float16 loss scaler (<see cref="Crucible.Torch.Amp.GradScaler"/>,
/// PyTorch's <c>GradScaler.state_dict()</c>): the scale, the good steps since it last grew or backed
/// off, and how many steps overflowed and were skipped.
/// </summary>
internal sealed record LossScaleState(double Scale, int GrowthTracker, long SkippedSteps);
