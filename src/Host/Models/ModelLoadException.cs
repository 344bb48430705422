using Crucible.Abstractions;

namespace Crucible.Host.Models;

/// <summary>A model URI or folder that cannot be resolved or loaded: bad input (exit 2).</summary>
internal sealed class ModelLoadException : CrucibleException
{
    public ModelLoadException(string message)
        : base(message)
    {
    }
}
