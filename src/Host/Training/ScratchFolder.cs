namespace Crucible.Host.Training;

/// <summary>A command's temporary folder (a run's scratch, a download): deleted when done, at best effort.</summary>
internal static class ScratchFolder
{
    /// <summary>Deletes <paramref name="directory"/> and everything in it, when it exists; a folder that cannot be deleted is left behind.</summary>
    public static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
