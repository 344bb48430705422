namespace Crucible.Plugins.Tests;

/// <summary>
/// Locates the shared real datasets: <c>CRUCIBLE_DATA</c>, or <c>../shared/data</c> next to the
/// checkout (what scripts/env.sh sets). A missing file fails the test with a message saying where
/// it was looked for; it never passes silently.
/// </summary>
internal static class TestData
{
    public static string Root
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("CRUCIBLE_DATA");
            if (!string.IsNullOrEmpty(fromEnv))
            {
                return fromEnv;
            }

            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "Crucible.slnx")))
            {
                dir = dir.Parent;
            }

            var guess = dir is null ? null : Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
            if (guess is null || !Directory.Exists(guess))
            {
                throw new InvalidOperationException("The shared datasets were not found: set CRUCIBLE_DATA (source scripts/env.sh) to the folder holding tabular/, mnist/, ...");
            }

            return guess;
        }
    }

    public static string File(string relative)
    {
        var path = Path.Combine(Root, relative);
        if (!System.IO.File.Exists(path))
        {
            throw new FileNotFoundException($"Test data '{relative}' is missing under {Root} (CRUCIBLE_DATA).", path);
        }

        return path;
    }
}
