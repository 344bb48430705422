using System.ComponentModel.DataAnnotations;

namespace Crucible.Plugins.Models;

/// <summary>Options of the <c>sequential</c> model.</summary>
public sealed class SequentialModelOptions
{
    /// <summary>The layers in order, e.g. [{"type": "flatten"}, {"type": "linear", "out": 512}, {"type": "relu"}, {"type": "linear"}]. Required.</summary>
    [Required]
    [MinLength(1)]
    public LayerSpec[] Layers { get; set; } = [];
}
