namespace Crucible.Tracking.Tests;

/// <summary>Finds the shared MLflow fixtures (../shared/fixtures next to the checkout).</summary>
internal static class Fixtures
{
    public static string Root
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("CRUCIBLE_FIXTURES");
            if (!string.IsNullOrEmpty(fromEnv) && Directory.Exists(fromEnv))
            {
                return fromEnv;
            }

            if (Environment.GetEnvironmentVariable("CRUCIBLE_DATA") is { Length: > 0 } data
                && Directory.Exists(Path.Combine(data, "..", "fixtures")))
            {
                return Path.GetFullPath(Path.Combine(data, "..", "fixtures"));
            }

            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "fixtures");
                if (Directory.Exists(Path.Combine(candidate, "mlflow")))
                {
                    return candidate;
                }

                candidate = Path.Combine(dir.FullName, "..", "shared", "fixtures");
                if (Directory.Exists(Path.Combine(candidate, "mlflow")))
                {
                    return Path.GetFullPath(candidate);
                }
            }

            throw new InvalidOperationException(
                "The MLflow fixtures were not found. Set CRUCIBLE_FIXTURES to the shared fixtures folder " +
                "(the one holding mlflow/ and mlflow3/), or CRUCIBLE_DATA to ../shared/data next to it.");
        }
    }

    public static string Golden => Path.Combine(Root, "mlflow", "mlruns-golden");

    public const string GoldenExperiment = "185216056721420826";

    public const string GoldenBaseline = "b4c02d10b40a47bea235c24d27cdcabd";
}
