using Crucible.Abstractions;

namespace Crucible.Host.Export;

/// <summary>A run that cannot be exported because of what was asked for (no such run, no weights): exit 2.</summary>
internal sealed class ExportException : CrucibleException
{
    public ExportException(string message)
        : base(message)
    {
    }

    public ExportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ExportException()
    {
    }
}
