namespace Crucible.Torch;

/// <summary>
/// An error raised by libtorch (shape mismatch, wrong dtype, out of memory, ...). The message is
/// libtorch's own, without its C++ backtrace.
/// </summary>
public class TorchException : Exception
{
    /// <summary>Creates the exception with libtorch's message.</summary>
    public TorchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public TorchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public TorchException()
    {
    }

    internal static TorchException FromNative(string message) =>
        message.Contains("out of memory", StringComparison.OrdinalIgnoreCase)
            ? new TorchOutOfMemoryException(message)
            : new TorchException(message);
}

/// <summary>libtorch could not allocate memory on the device (host RAM or GPU memory).</summary>
public sealed class TorchOutOfMemoryException : TorchException
{
    /// <summary>Creates the exception with libtorch's message.</summary>
    public TorchOutOfMemoryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public TorchOutOfMemoryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public TorchOutOfMemoryException()
    {
    }
}
