using Crucible.Abstractions;

namespace Crucible.Host.Models;

/// <summary>
/// Input a model cannot take (malformed JSON or CSV, missing columns, wrong shapes); carries MLflow's
/// error code (<c>BAD_REQUEST</c>, <c>INVALID_PARAMETER_VALUE</c>) for the scoring server's 400 answer.
/// </summary>
internal sealed class ModelInputException : CrucibleException
{
    public ModelInputException(string errorCode, string message)
        : base(message)
    {
        ErrorCode = errorCode;
    }

    public string ErrorCode { get; }
}
