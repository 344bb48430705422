namespace Crucible.Plugins.Datasets.Common;

/// <summary>Derives the 32-bit seed of host-side shuffles from the experiment's one 64-bit seed.</summary>
internal static class SeedDerivation
{
    public static int ToInt32(long seed) => unchecked((int)(seed ^ (seed >> 32)));
}
