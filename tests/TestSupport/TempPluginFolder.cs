namespace Crucible.TestSupport;

/// <summary>
/// A temporary plugins folder holding copies of chosen fixture plugins, as a researcher would drop them.
/// </summary>
public sealed class TempPluginFolder : IDisposable
{
    public const string Good = "Crucible.Fixtures.Good";
    public const string MissingDependency = "Crucible.Fixtures.MissingDependency";
    public const string Throwing = "Crucible.Fixtures.Throwing";
    public const string Duplicate = "Crucible.Fixtures.Duplicate";

    public TempPluginFolder(params string[] fixtures)
    {
        Path = Directory.CreateTempSubdirectory("crucible-plugins-").FullName;
        foreach (var fixture in fixtures)
        {
            var source = System.IO.Path.Combine(FixturesRoot, fixture);
            if (!Directory.Exists(source))
            {
                throw new DirectoryNotFoundException($"Fixture plugin {fixture} was not built at {source}; build tests/TestSupport.");
            }

            var target = Directory.CreateDirectory(System.IO.Path.Combine(Path, fixture)).FullName;
            foreach (var file in Directory.EnumerateFiles(source))
            {
                File.Copy(file, System.IO.Path.Combine(target, System.IO.Path.GetFileName(file)));
            }
        }
    }

    /// <summary>Where the fixture projects build to (tests/fixtures/bin/&lt;cfg&gt;/&lt;tfm&gt;/fixture-plugins).</summary>
    public static string FixturesRoot => Cli.FixturePlugins;

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Loaded plugin DLLs may stay mapped until the process exits; the temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
