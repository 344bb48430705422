using Crucible.Plugins.Datasets.Tabular;

namespace Crucible.Plugins.Tests.Datasets;

public class CsvTextTests
{
    [Fact]
    public void Quoted_fields_keep_delimiters_and_escaped_quotes()
    {
        var rows = CsvText.Parse(new StringReader("a,\"b,c\",\"say \"\"hi\"\"\"\r\n1,2,3"), ",");
        rows.Should().HaveCount(2);
        rows[0].Should().Equal("a", "b,c", "say \"hi\"");
        rows[1].Should().Equal("1", "2", "3");
    }

    [Fact]
    public void Crlf_endings_and_a_missing_final_newline_are_read()
    {
        var rows = CsvText.Parse(new StringReader("\"Month\",\"Passengers\"\r\n\"1949-01\",112\r\n\"1949-02\",118"), ",");
        rows.Select(r => r[1]).Should().Equal("Passengers", "112", "118");
    }

    [Fact]
    public void Whitespace_delimiter_splits_runs_of_spaces_and_skips_blank_lines()
    {
        var rows = CsvText.Parse(new StringReader("59 2  32.1\t101.0\n\n48 1 21.6 87.0\n"), "whitespace");
        rows.Should().HaveCount(2);
        rows[0].Should().Equal("59", "2", "32.1", "101.0");
    }

    [Fact]
    public void A_quoted_field_may_span_lines()
    {
        var rows = CsvText.Parse(new StringReader("\"two\nlines\",1\n"), ",");
        rows.Should().ContainSingle().Which.Should().Equal("two\nlines", "1");
    }

    [Fact]
    public void A_multi_character_delimiter_is_rejected()
    {
        var act = () => CsvText.Parse(new StringReader("a;;b"), ";;");
        act.Should().Throw<ArgumentException>().WithMessage("*one character*");
    }
}
