using System.Net;

namespace Crucible.Tracking;

/// <summary>
/// The tracking store answered with an error: MLflow's <c>error_code</c> and <c>message</c>
/// (or, for a local store, the same codes for the same conditions).
/// </summary>
public class MlflowApiException : TrackingException
{
    /// <summary>Creates the exception from a store's error answer.</summary>
    public MlflowApiException(HttpStatusCode statusCode, string errorCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    /// <summary>Creates the exception with a message.</summary>
    public MlflowApiException(string message)
        : base(message)
    {
        ErrorCode = "INTERNAL_ERROR";
        StatusCode = HttpStatusCode.InternalServerError;
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public MlflowApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorCode = "INTERNAL_ERROR";
        StatusCode = HttpStatusCode.InternalServerError;
    }

    /// <summary>Creates the exception with no message.</summary>
    public MlflowApiException()
    {
        ErrorCode = "INTERNAL_ERROR";
        StatusCode = HttpStatusCode.InternalServerError;
    }

    /// <summary>The HTTP status (404, 400, ...).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>MLflow's error code, e.g. <c>RESOURCE_DOES_NOT_EXIST</c>, <c>INVALID_PARAMETER_VALUE</c>.</summary>
    public string ErrorCode { get; }

    /// <summary>How long the server asked the client to wait before trying again (its <c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; internal set; }

    /// <summary>True when the error is permanent: sending the same request again cannot succeed.</summary>
    public bool IsPermanent => (int)StatusCode is >= 400 and < 500 and not 408 and not 429;
}
