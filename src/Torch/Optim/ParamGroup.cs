using System.Globalization;

namespace Crucible.Torch.Optim;

/// <summary>
/// A set of parameters that share optimizer options (<c>param_groups</c> in PyTorch): e.g. a
/// smaller learning rate for a pretrained backbone. Options the group does not set are filled in
/// from the optimizer's defaults when the optimizer is created, so <see cref="Options"/> then holds
/// every option, as a PyTorch group dictionary does.
/// </summary>
/// <example>
/// <code>
/// var optimizer = new SGD(
///     [new ParamGroup(backbone.Parameters(), learningRate: 0.001),
///      new ParamGroup(head.Parameters()) { Options = { ["momentum"] = 0.9 } }],
///     lr: 0.01);
/// </code>
/// </example>
public sealed class ParamGroup
{
    private readonly OptionDictionary options = new();
    private GroupGradients? gradients;
    private object? typed;
    private int typedVersion = -1;

    /// <summary>Creates a group of parameters with their own options.</summary>
    /// <param name="parameters">The tensors this group updates.</param>
    /// <param name="learningRate">The group's learning rate; null takes the optimizer's default.</param>
    public ParamGroup(IEnumerable<Tensor> parameters, double? learningRate = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters.ToList();
        RequestedLearningRate = learningRate;
    }

    /// <summary>The tensors this group updates.</summary>
    public IReadOnlyList<Tensor> Parameters { get; }

    /// <summary>The learning rate in force (<c>group["lr"]</c>); schedulers read and set it.</summary>
    public double LearningRate { get; set; }

    /// <summary>The learning rate the group was created with, before defaults were applied.</summary>
    internal double? RequestedLearningRate { get; }

    /// <summary>
    /// Options by PyTorch's key (<c>weight_decay</c>, <c>momentum</c>, <c>betas</c> as two entries
    /// <c>beta1</c>/<c>beta2</c>, flags such as <c>nesterov</c> as 0 or 1). Set before creating the
    /// optimizer to override its defaults for this group; change later to change them from the next step.
    /// </summary>
    public IDictionary<string, double> Options => options;

    /// <summary>The learning rate the group started with (<c>initial_lr</c>); set by the first scheduler attached.</summary>
    public double? InitialLearningRate { get; set; }

    /// <summary>The value of an option; throws naming the option when the group lacks it.</summary>
    public double Option(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!Options.TryGetValue(key, out var value))
        {
            throw new KeyNotFoundException(
                $"The parameter group has no option '{key}'; it has {string.Join(", ", Options.Keys.Order(StringComparer.Ordinal))}.");
        }

        return value;
    }

    /// <summary>A flag option (stored as 0 or 1).</summary>
    public bool Flag(string key) => Option(key) != 0;

    /// <summary>What the next step reads from this group: its parameters with a gradient, and those gradients.</summary>
    internal GroupGradients Gradients => gradients ??= new GroupGradients(Parameters);

    /// <summary>
    /// The group's options read into an optimizer's typed record by <paramref name="read"/>, kept
    /// until an option changes, so a step reads no string-keyed option.
    /// </summary>
    internal T Typed<T>(Func<ParamGroup, T> read)
        where T : struct
    {
        if (typedVersion != options.Version || typed is not T value)
        {
            value = read(this);
            typed = value;
            typedVersion = options.Version;
        }

        return value;
    }

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
