using System.Net;

namespace Crucible.Tracking;

/// <summary>The store rejected a value (<c>INVALID_PARAMETER_VALUE</c>), e.g. a changed param value.</summary>
public sealed class InvalidParameterException : MlflowApiException
{
    /// <summary>Creates the exception with MLflow's message.</summary>
    public InvalidParameterException(string message)
        : base(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public InvalidParameterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public InvalidParameterException()
        : base(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "Invalid parameter value.")
    {
    }
}
