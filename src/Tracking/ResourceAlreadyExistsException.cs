using System.Net;

namespace Crucible.Tracking;

/// <summary>An experiment with that name already exists (<c>RESOURCE_ALREADY_EXISTS</c>).</summary>
public sealed class ResourceAlreadyExistsException : MlflowApiException
{
    /// <summary>Creates the exception with MLflow's message.</summary>
    public ResourceAlreadyExistsException(string message)
        : base(HttpStatusCode.BadRequest, "RESOURCE_ALREADY_EXISTS", message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ResourceAlreadyExistsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public ResourceAlreadyExistsException()
        : base(HttpStatusCode.BadRequest, "RESOURCE_ALREADY_EXISTS", "The resource already exists.")
    {
    }
}
