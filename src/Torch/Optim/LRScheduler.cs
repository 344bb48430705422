using System.Globalization;

namespace Crucible.Torch.Optim;

/// <summary>
/// Base class of the learning-rate schedulers (<c>torch.optim.lr_scheduler</c>). Each
/// <see cref="Step()"/> advances the schedule by one epoch, or by one batch when the scheduler is
/// stepped per batch, and writes the new learning rates into the optimizer's parameter groups.
/// Like PyTorch 1.13, schedules are computed recursively from the rates in force (the "chainable"
/// form), so several schedulers can act on one optimizer; creating a scheduler already performs
/// its first step (epoch 0).
/// </summary>
public abstract class LRScheduler
{
    private double[] lastLr = [];

    /// <summary>Attaches the scheduler to an optimizer; the subclass calls <see cref="Initialize"/> once its fields are set.</summary>
    protected LRScheduler(Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Optimizer = optimizer;
        BaseLrs = [];
        LastEpoch = -1;
    }

    /// <summary>The optimizer whose learning rates this scheduler sets.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The epoch (or batch) the schedule is at (<c>last_epoch</c>): 0 right after creation.</summary>
    public int LastEpoch { get; protected internal set; }

    /// <summary>The learning rates the schedule starts from, one per group (<c>base_lrs</c>).</summary>
    protected IReadOnlyList<double> BaseLrs { get; set; }

    /// <summary>How many times the scheduler has stepped, its creation included (<c>_step_count</c>).</summary>
    protected int StepCount { get; set; }

    /// <summary>The parameter groups of the optimizer.</summary>
    protected IReadOnlyList<ParamGroup> Groups => Optimizer.ParamGroups;

    /// <summary>
    /// The schedulers this one drives (<see cref="ChainedScheduler"/>'s, <see cref="SequentialLR"/>'s):
    /// their state is saved and restored with this one's, each under <c>_schedulers.{i}.</c>, as
    /// PyTorch nests their state dicts.
    /// </summary>
    private protected IReadOnlyList<LRScheduler> Children { get; set; } = [];

    /// <summary>Advances the schedule by one step.</summary>
    public virtual void Step()
    {
        StepCount++;
        LastEpoch++;
        Apply(GetLr());
    }

    /// <summary>The learning rate of each group after the last step (<c>get_last_lr()</c>).</summary>
    public IReadOnlyList<double> GetLastLr() => lastLr.Length == Groups.Count ? lastLr : Groups.Select(g => g.LearningRate).ToArray();

    /// <summary>
    /// The learning rates of the step being taken, computed from <see cref="LastEpoch"/> and the
    /// rates in force (<c>get_lr()</c>).
    /// </summary>
    protected abstract IReadOnlyList<double> GetLr();

    /// <summary>The closed form of the schedule at <see cref="LastEpoch"/>, or null when PyTorch has none (<c>_get_closed_form_lr</c>).</summary>
    protected virtual IReadOnlyList<double>? GetClosedFormLr() => null;

    /// <summary>
    /// Sets <c>initial_lr</c> of groups that lack it, records the base rates and takes the first
    /// step (PyTorch's <c>_LRScheduler.__init__</c>). Call it at the end of the subclass constructor.
    /// </summary>
    protected void Initialize()
    {
        foreach (var group in Groups)
        {
            group.InitialLearningRate ??= group.LearningRate;
        }

        BaseLrs = Groups.Select(g => g.InitialLearningRate!.Value).ToArray();
        LastEpoch = -1;
        InitialStep();
    }

    /// <summary>Resets the step count and steps once (<c>_initial_step</c>).</summary>
    protected internal virtual void InitialStep()
    {
        StepCount = 0;
        Step();
    }

    /// <summary>
    /// Jumps to <paramref name="epoch"/> (PyTorch's deprecated <c>step(epoch)</c>, which
    /// <see cref="SequentialLR"/> uses at its milestones): the closed form where there is one.
    /// </summary>
    protected internal virtual void StepToEpoch(int epoch)
    {
        StepCount++;
        LastEpoch = epoch;
        Apply(GetClosedFormLr() ?? GetLr());
    }

    /// <summary>Writes one learning rate per group and remembers them for <see cref="GetLastLr"/>.</summary>
    protected void Apply(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        for (var i = 0; i < Groups.Count && i < values.Count; i++)
        {
            Groups[i].LearningRate = values[i];
        }

        RecordLastLr();
    }

    /// <summary>Remembers the groups' current rates as the last ones.</summary>
    protected void RecordLastLr() => lastLr = Groups.Select(g => g.LearningRate).ToArray();

    /// <summary>Sets what <see cref="GetLastLr"/> returns (a scheduler that delegates to others reports theirs).</summary>
    protected void SetLastLr(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        lastLr = values.ToArray();
    }

    /// <summary>The current learning rate of every group.</summary>
    protected double[] CurrentLrs() => Groups.Select(g => g.LearningRate).ToArray();

    /// <summary>A snapshot of the schedule's position (<c>state_dict()</c>); the optimizer's rates are in its own state dict.</summary>
    public StateDict StateDict()
    {
        var result = new StateDict();
        SaveState(result, string.Empty);
        return result;
    }

    /// <summary>Restores a snapshot taken by <see cref="StateDict"/> from a scheduler of the same kind and settings.</summary>
    public void LoadStateDict(StateDict stateDict)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        LoadState(stateDict, string.Empty);
    }

    /// <summary>Writes <see cref="StateDict"/> to a safetensors file.</summary>
    public void SaveState(string path)
    {
        using var snapshot = StateDict();
        snapshot.Save(path);
    }

    /// <summary>Restores the state written by <see cref="SaveState(string)"/>.</summary>
    public void LoadState(string path)
    {
        using var snapshot = Optim.StateDict.Load(path);
        LoadStateDict(snapshot);
    }

    /// <summary>Adds this scheduler's state under <paramref name="prefix"/>; subclasses add their own fields.</summary>
    protected internal virtual void SaveState(StateDict stateDict, string prefix)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        stateDict.Values[prefix + "last_epoch"] = LastEpoch;
        stateDict.Values[prefix + "_step_count"] = StepCount;
        WriteList(stateDict, prefix + "base_lrs", BaseLrs);
        WriteList(stateDict, prefix + "_last_lr", lastLr);
        for (var i = 0; i < Children.Count; i++)
        {
            Children[i].SaveState(stateDict, Invariant($"{prefix}_schedulers.{i}."));
        }
    }

    /// <summary>Restores what <see cref="SaveState(StateDict, string)"/> wrote under <paramref name="prefix"/>.</summary>
    protected internal virtual void LoadState(StateDict stateDict, string prefix)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        LastEpoch = (int)stateDict.Value(prefix + "last_epoch");
        StepCount = (int)stateDict.Value(prefix + "_step_count");
        BaseLrs = ReadList(stateDict, prefix + "base_lrs");
        lastLr = ReadList(stateDict, prefix + "_last_lr");
        for (var i = 0; i < Children.Count; i++)
        {
            Children[i].LoadState(stateDict, Invariant($"{prefix}_schedulers.{i}."));
        }
    }

    /// <summary>Stores a list of numbers as <c>key.count</c> and <c>key.0</c>, <c>key.1</c>, ...</summary>
    protected static void WriteList(StateDict stateDict, string key, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        ArgumentNullException.ThrowIfNull(values);
        stateDict.Values[key + ".count"] = values.Count;
        for (var i = 0; i < values.Count; i++)
        {
            stateDict.Values[Invariant($"{key}.{i}")] = values[i];
        }
    }

    /// <summary>Reads a list written by <see cref="WriteList"/>.</summary>
    protected static double[] ReadList(StateDict stateDict, string key)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        var count = (int)stateDict.Value(key + ".count");
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = stateDict.Value(Invariant($"{key}.{i}"));
        }

        return values;
    }

    /// <summary>One value per group: the single value repeated, or the list checked for length (<c>_format_param</c>).</summary>
    protected double[] PerGroup(string name, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 1)
        {
            return Enumerable.Repeat(values[0], Groups.Count).ToArray();
        }

        if (values.Count != Groups.Count)
        {
            throw new ArgumentException(Invariant($"Expected {Groups.Count} values for {name} (one per parameter group), got {values.Count}."), name);
        }

        return values.ToArray();
    }

    /// <summary>Formats with the invariant culture.</summary>
    protected static string Invariant(FormattableString text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.ToString(CultureInfo.InvariantCulture);
    }
}
