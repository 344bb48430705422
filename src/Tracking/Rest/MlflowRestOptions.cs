using System.Globalization;

namespace Crucible.Tracking.Rest;

/// <summary>
/// How the REST client talks to an MLflow server: auth, TLS, timeouts. It has no retry settings:
/// each call is one attempt, and the <see cref="RunRecorder"/>'s delivery loop is the one retry policy.
/// </summary>
public sealed record MlflowRestOptions
{
    /// <summary>Basic-auth user (<c>MLFLOW_TRACKING_USERNAME</c>). Defaults to none.</summary>
    public string? Username { get; init; }

    /// <summary>Basic-auth password (<c>MLFLOW_TRACKING_PASSWORD</c>). Defaults to none.</summary>
    public string? Password { get; init; }

    /// <summary>Bearer token (<c>MLFLOW_TRACKING_TOKEN</c>); used when no user name is set. Defaults to none.</summary>
    public string? Token { get; init; }

    /// <summary>Accept any server certificate (<c>MLFLOW_TRACKING_INSECURE_TLS=true</c>). Defaults to false.</summary>
    public bool InsecureTls { get; init; }

    /// <summary>Timeout of one HTTP attempt (<c>MLFLOW_HTTP_REQUEST_TIMEOUT</c>, seconds). Defaults to 120 seconds.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Options from the <c>MLFLOW_TRACKING_*</c> and <c>MLFLOW_HTTP_REQUEST_*</c> environment variables.</summary>
    public static MlflowRestOptions FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var options = new MlflowRestOptions
        {
            Username = Blank(environment("MLFLOW_TRACKING_USERNAME")),
            Password = Blank(environment("MLFLOW_TRACKING_PASSWORD")),
            Token = Blank(environment("MLFLOW_TRACKING_TOKEN")),
            InsecureTls = environment("MLFLOW_TRACKING_INSECURE_TLS")?.Trim().ToUpperInvariant() is "TRUE" or "1" or "YES",
        };
        if (double.TryParse(environment("MLFLOW_HTTP_REQUEST_TIMEOUT"), NumberStyles.Float, CultureInfo.InvariantCulture, out var timeout) && timeout > 0)
        {
            options = options with { RequestTimeout = TimeSpan.FromSeconds(timeout) };
        }

        return options;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
