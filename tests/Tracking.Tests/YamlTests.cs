using Crucible.Tracking.FileStore;

namespace Crucible.Tracking.Tests;

public class YamlTests
{
    private static readonly HashSet<string> IntegerKeys =
        ["creation_time", "last_update_time", "start_time", "end_time", "deleted_time", "status", "source_type"];

    public static TheoryData<string> GoldenMetaFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Fixtures.Golden, "meta.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Fixtures.Golden, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GoldenMetaFiles))]
    public void Reading_and_rewriting_a_golden_meta_yaml_gives_the_same_bytes(string relativePath)
    {
        var text = File.ReadAllText(Path.Combine(Fixtures.Golden, relativePath));
        var parsed = YamlReader.Read(text);
        var typed = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in parsed)
        {
            typed[key] = value switch
            {
                string s when IntegerKeys.Contains(key) && s.All(char.IsAsciiDigit) => long.Parse(s, System.Globalization.CultureInfo.InvariantCulture),
                string[] => YamlWriter.EmptyList,
                Dictionary<string, string> d => (IReadOnlyDictionary<string, string>)d,
                _ => value,
            };
        }

        YamlWriter.Write(typed).Should().Be(text);
    }

    [Theory]
    [InlineData("plain", "k: plain\n")]
    [InlineData("", "k: ''\n")]
    [InlineData("123", "k: '123'\n")]
    [InlineData("0.5", "k: '0.5'\n")]
    [InlineData("true", "k: 'true'\n")]
    [InlineData("null", "k: 'null'\n")]
    [InlineData("2026-11-23", "k: '2026-11-23'\n")]
    [InlineData("a: b", "k: 'a: b'\n")]
    [InlineData("it's", "k: it's\n")]
    [InlineData("'quoted'", "k: '''quoted'''\n")]
    [InlineData(" lead", "k: ' lead'\n")]
    [InlineData("héllo wörld ✓", "k: héllo wörld ✓\n")]
    [InlineData("two\nlines", "k: \"two\\nlines\"\n")]
    [InlineData("tab\there", "k: \"tab\\there\"\n")]
    [InlineData("file:///srv/mlflow-golden/mlruns/0", "k: file:///srv/mlflow-golden/mlruns/0\n")]
    public void Scalars_are_quoted_as_pyyaml_does(string value, string expected)
    {
        var yaml = YamlWriter.Write(new Dictionary<string, object?> { ["k"] = value });
        yaml.Should().Be(expected);
        YamlReader.Read(yaml).GetString("k").Should().Be(value);
    }
}
