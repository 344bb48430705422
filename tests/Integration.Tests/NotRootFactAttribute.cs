namespace Crucible.Integration.Tests;

/// <summary>A fact that needs file permissions to hold: skipped, visibly, when the tests run as root (which writes through them).</summary>
public sealed class NotRootFactAttribute : FactAttribute
{
    public NotRootFactAttribute()
    {
        if (Environment.UserName == "root")
        {
            Skip = "runs as root, which writes into read-only folders; the /proc tracking URI case covers a store that cannot be written.";
        }
    }
}
