namespace Crucible.Plugins.Models;

/// <summary>Options of the <c>linear</c> and <c>logistic</c> models.</summary>
public sealed class LinearModelOptions
{
    /// <summary>Whether the layer learns an intercept. Defaults to true.</summary>
    public bool Bias { get; set; } = true;
}
