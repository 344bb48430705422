using Crucible.Tracking.Model;

namespace Crucible.Tracking.Tests;

public class ValidationTests
{
    [Theory]
    [InlineData("acc@top1!", "key-pattern")]
    [InlineData("bad:key", "key-pattern")]
    [InlineData("../escape", "key-path")]
    [InlineData(".", "key-path")]
    [InlineData("/abs", "key-path")]
    [InlineData("a//b", "key-path")]
    [InlineData("", "key-path")]
    public void Invalid_keys_name_the_key_and_the_rule(string key, string rule)
    {
        var act = () => MlflowValidator.ValidateMetricKey(key);
        var ex = act.Should().Throw<TrackingValidationException>().Which;
        ex.Key.Should().Be(key);
        ex.Rule.Should().Be(rule);
        ex.Message.Should().Contain($"'{key}'");
    }

    [Theory]
    [InlineData("acc")]
    [InlineData("val/acc")]
    [InlineData("train loss")]
    [InlineData("lr-group.0_x")]
    [InlineData("héllo")]
    public void Valid_keys_pass(string key) => MlflowValidator.ValidateMetricKey(key);

    [Fact]
    public void Key_length_limit_is_250()
    {
        MlflowValidator.ValidateKey("Param", new string('k', 250));
        var act = () => MlflowValidator.ValidateKey("Param", new string('k', 251));
        act.Should().Throw<TrackingValidationException>().Which.Rule.Should().Be("key-length");
    }

    [Fact]
    public void Value_limits_are_never_truncated_silently()
    {
        MlflowValidator.ValidateParam("p", new string('v', 6000));
        var param = () => MlflowValidator.ValidateParam("p", new string('v', 6001));
        param.Should().Throw<TrackingValidationException>().Which.Rule.Should().Be("param-value-length");

        MlflowValidator.ValidateTag("t", new string('t', 5000));
        var tag = () => MlflowValidator.ValidateTag("t", new string('t', 5001));
        tag.Should().Throw<TrackingValidationException>().Which.Rule.Should().Be("tag-value-length");
    }

    [Theory]
    [InlineData("../../../outside")]
    [InlineData("/tmp/absolute")]
    [InlineData("via-link/file")]
    public async Task The_file_store_writes_no_key_outside_its_run_folder_whoever_calls_it(string key)
    {
        using var temp = new TempDirectory();
        using var store = new Crucible.Tracking.FileStore.LocalFileStore(temp.Sub("mlruns"));
        var experiment = await store.CreateExperimentAsync("containment");
        var run = await store.CreateRunAsync(experiment, "r", 1, "u", []);
        var outside = Directory.CreateDirectory(temp.Sub("outside-folder")).FullName;
        var runFolder = Directory.EnumerateDirectories(temp.Sub("mlruns"), run.RunId, SearchOption.AllDirectories).Single();
        Directory.CreateSymbolicLink(Path.Combine(runFolder, "metrics", "via-link"), outside);
        Directory.CreateSymbolicLink(Path.Combine(runFolder, "tags", "via-link"), outside);
        Directory.CreateSymbolicLink(Path.Combine(runFolder, "params", "via-link"), outside);
        var before = Directory.EnumerateFileSystemEntries(temp.Path, "*", SearchOption.AllDirectories).ToHashSet();

        var metric = () => store.LogBatchAsync(run.RunId, [new Metric(key, 1, 1, 0)], [], []);
        var param = () => store.LogBatchAsync(run.RunId, [], [new Param(key, "v")], []);
        var tag = () => store.SetTagAsync(run.RunId, key, "v");

        foreach (var write in new[] { metric, param, tag })
        {
            (await write.Should().ThrowAsync<TrackingValidationException>()).Which.Rule.Should().Be("key-path");
        }

        Directory.EnumerateFileSystemEntries(temp.Path, "*", SearchOption.AllDirectories).Should().BeEquivalentTo(before, "nothing was written");
        File.Exists("/tmp/absolute").Should().BeFalse();
    }
}
