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
}
