namespace Crucible.Host.Configuration;

/// <summary>Where relative data paths are looked up.</summary>
/// <param name="ExperimentDirectory">The experiment file's folder.</param>
/// <param name="DataRoot">The data root (<c>CRUCIBLE_DATA</c>), or null when not set.</param>
internal sealed record PathResolution(string ExperimentDirectory, string? DataRoot)
{
    public const string DataRootVariable = "CRUCIBLE_DATA";
}
