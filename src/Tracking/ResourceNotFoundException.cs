using System.Net;

namespace Crucible.Tracking;

/// <summary>The experiment, run or artifact does not exist (<c>RESOURCE_DOES_NOT_EXIST</c>).</summary>
public sealed class ResourceNotFoundException : MlflowApiException
{
    /// <summary>Creates the exception with MLflow's message.</summary>
    public ResourceNotFoundException(string message)
        : base(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ResourceNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public ResourceNotFoundException()
        : base(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", "The resource does not exist.")
    {
    }
}
