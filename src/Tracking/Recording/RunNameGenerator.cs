using System.Security.Cryptography;

namespace Crucible.Tracking.Recording;

/// <summary>Names an unnamed run the way MLflow does: <c>adjective-noun-number</c>.</summary>
internal static class RunNameGenerator
{
    private static readonly string[] Adjectives =
    [
        "able", "bold", "brave", "bright", "calm", "clever", "crisp", "eager", "fair", "gentle", "glad", "grand",
        "honest", "keen", "kind", "lively", "lucky", "merry", "nimble", "polite", "proud", "quick", "quiet", "rare",
        "sharp", "shy", "smart", "steady", "swift", "tidy", "vast", "warm", "wise", "witty", "zesty",
    ];

    private static readonly string[] Nouns =
    [
        "ant", "bat", "bear", "bee", "crab", "crow", "deer", "dove", "eel", "elk", "finch", "fox", "frog", "goat",
        "hare", "hawk", "lark", "lion", "lynx", "mole", "moth", "newt", "owl", "panda", "ram", "seal", "shrew",
        "slug", "snail", "swan", "toad", "trout", "wasp", "whale", "wolf", "wren", "yak",
    ];

    public static string Next() =>
        $"{Adjectives[RandomNumberGenerator.GetInt32(Adjectives.Length)]}-{Nouns[RandomNumberGenerator.GetInt32(Nouns.Length)]}-{RandomNumberGenerator.GetInt32(1000)}";
}
