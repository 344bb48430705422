using System.ComponentModel.DataAnnotations;

namespace CruciblePlugin1;

/// <summary>Options of the <c>crucibleplugin1</c> model, set in the experiment file's <c>model</c> section.</summary>
public sealed class CruciblePlugin1Options
{
    /// <summary>Width of the hidden layer. Defaults to 8.</summary>
    [Range(1, 4096)]
    public int Hidden { get; set; } = 8;
}
