using System.Globalization;
using System.Text;
using Crucible.Torch.Nn;

namespace Crucible.Host.Training;

/// <summary>A small text description of a model (recorded as <c>model/model-summary.txt</c>): its layers, parameters and sizes.</summary>
internal static class ModelSummary
{
    public static long ParameterCount(Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Parameters().Sum(p => p.NumEl);
    }

    public static string Describe(Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"model: {model.GetType().Name}");
        Layers(text, model, "  ");
        text.AppendLine("parameters:");
        foreach (var (name, p) in model.NamedParameters())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {name} [{string.Join(", ", p.Shape)}] {p.DType} {p.NumEl}");
        }

        foreach (var (name, b) in model.NamedBuffers())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {name} (buffer) [{string.Join(", ", b.Shape)}] {b.DType}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"total parameters: {ParameterCount(model)}");
        return text.ToString();
    }

    private static void Layers(StringBuilder text, Module module, string indent)
    {
        foreach (var (name, child) in module.NamedChildren())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{indent}({name}) {child.GetType().Name}");
            Layers(text, child, indent + "  ");
        }
    }
}
