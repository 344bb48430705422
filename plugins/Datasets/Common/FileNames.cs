namespace Crucible.Plugins.Datasets.Common;

/// <summary>Dataset names derived from paths.</summary>
internal static class FileNames
{
    /// <summary>The file name without any extension: <c>iris.csv</c> and <c>digits.csv.gz</c> give <c>iris</c> and <c>digits</c>.</summary>
    public static string Stem(string path)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? name[..dot] : name;
    }
}
