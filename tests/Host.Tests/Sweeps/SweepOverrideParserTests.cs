using System.Text.Json.Nodes;
using Crucible.Host.Sweeps;

namespace Crucible.Host.Tests.Sweeps;

public sealed class SweepOverrideParserTests
{
    private static List<string> Values(SweepParameter p) =>
        p.Should().BeOfType<ChoiceParameter>().Subject.Values.Select(SweepOverrideParser.FormatValue).ToList();

    [Fact]
    public void A_comma_list_is_a_choice_of_json_values_and_bare_words_are_strings()
    {
        var p = SweepOverrideParser.ParseOverride("optimizer.lr=0.1,0.01, 1e-3");
        p.Key.Should().Be("optimizer.lr");
        Values(p).Should().Equal("0.1", "0.01", "1e-3");
        Values(SweepOverrideParser.ParseOverride("optimizer.name=sgd,adam")).Should().Equal("\"sgd\"", "\"adam\"");
        Values(SweepOverrideParser.ParseOverride("x=choice(true, 'a,b')")).Should().Equal("true", "\"a,b\"");
    }

    [Fact]
    public void Lists_and_objects_nest_inside_a_choice()
    {
        Values(SweepOverrideParser.ParseOverride("model.hidden=[4],[8,8],[16, 16]")).Should().Equal("[4]", "[8,8]", "[16,16]");
        Values(SweepOverrideParser.ParseOverride("scheduler={\"name\":\"step\",\"stepSize\":2},constant")).Should().Equal("{\"name\":\"step\",\"stepSize\":2}", "\"constant\"");
    }

    [Fact]
    public void Range_excludes_stop_as_python_and_hydra_do()
    {
        Values(SweepOverrideParser.ParseOverride("training.epochs=range(10,40,10)")).Should().Equal("10", "20", "30");
        Values(SweepOverrideParser.ParseOverride("x=range(3)")).Should().Equal("0", "1", "2");
        Values(SweepOverrideParser.ParseOverride("x=range(0,1,0.25)")).Should().Equal("0", "0.25", "0.5", "0.75");
        Values(SweepOverrideParser.ParseOverride("x=range(5,1,-2)")).Should().Equal("5", "3");
    }

    [Fact]
    public void Interval_tag_log_and_int_make_continuous_parameters()
    {
        SweepOverrideParser.ParseOverride("optimizer.momentum=interval(0.5, 0.99)").Should()
            .BeEquivalentTo(new IntervalParameter("optimizer.momentum", "interval(0.5, 0.99)", 0.5, 0.99, Log: false, Integer: false));
        var log = SweepOverrideParser.ParseOverride("optimizer.lr=tag(log, interval(1e-4, 1e-1))").Should().BeOfType<IntervalParameter>().Subject;
        (log.Log, log.Low, log.High, log.Text).Should().Be((true, 1e-4, 1e-1, "tag(log, interval(1e-4, 1e-1))"));
        log.FromInternal(log.InternalLow).Should().BeApproximately(1e-4, 1e-12);
        var whole = SweepOverrideParser.ParseOverride("model.hidden.0=int(interval(3.5, 64))").Should().BeOfType<IntervalParameter>().Subject;
        (whole.Integer, whole.Low, whole.High).Should().Be((true, 4, 64));
        whole.ToJson(whole.FromInternal(10.4)).ToJsonString().Should().Be("10");
    }

    [Fact]
    public void A_single_value_fixes_the_setting()
    {
        Values(SweepOverrideParser.ParseOverride("training.epochs=50")).Should().Equal("50");
    }

    [Theory]
    [InlineData("optimizer.lr", "must look like key.path=values")]
    [InlineData("optimizer.lr=interval(1)", "interval(low, high) needs two numbers")]
    [InlineData("optimizer.lr=interval(0.1,0.01)", "low < high")]
    [InlineData("optimizer.lr=tag(log, interval(0, 1))", "low bound above 0")]
    [InlineData("optimizer.lr=tag(linear, interval(0.1, 1))", "the only tag understood is log")]
    [InlineData("optimizer.lr=uniform(0,1)", "unknown function 'uniform'")]
    [InlineData("model.hidden=[4,[8]", "unbalanced")]
    [InlineData("x=range(1,1)", "range() is empty")]
    [InlineData("x=0.1,interval(0,1)", "an interval cannot be one item of a list")]
    [InlineData("a..b=1", "not a key path")]
    public void Bad_expressions_say_what_is_wrong_and_how_to_write_it(string text, string message)
    {
        var act = () => SweepOverrideParser.ParseOverride(text);
        act.Should().Throw<SweepSyntaxException>().WithMessage($"*{message}*");
    }

    [Fact]
    public void Assignments_become_set_overrides_that_parse_back_to_the_same_json()
    {
        var assignment = new TrialAssignment([new("optimizer.lr", JsonValue.Create(0.01)), new("model.hidden", JsonNode.Parse("[4,4]")), new("optimizer.name", JsonValue.Create("adam"))]);
        assignment.Overrides().Should().Equal("optimizer.lr=0.01", "model.hidden=[4,4]", "optimizer.name=\"adam\"");
        assignment.ToString().Should().Be("optimizer.lr=0.01, model.hidden=[4,4], optimizer.name=adam");
    }
}
