using System.Text;
using Crucible.Abstractions;
using Crucible.Host.Models;

namespace Crucible.Host.Tests.Models;

/// <summary>
/// The scoring request's fast path reads lists of numeric samples exactly as the document parser
/// does, and leaves every other body (other input fields and forms, strings, wrong counts, invalid
/// JSON, text models) to it, errors included.
/// </summary>
public sealed class NumericSamplesJsonTests
{
    private static readonly ModelPreprocessing Image = Model([1, 2, 2]);

    private static readonly ModelPreprocessing OneFeature = Model([1]);

    [Theory]
    [InlineData("""{"inputs": [[[[0, 255], [1.5, -2]]]]}""", new[] { 0, 255, 1.5, -2 })]
    [InlineData("""{"instances": [[0, 255, 1.5, -2], [[3], [4e2, -1e-06, 0.1]]]}""", new[] { 0, 255, 1.5, -2, 3, 400, -1e-06, 0.1 })]
    [InlineData(""" { "params": {"a": [1, {"b": null}]}, "inputs" : [[-0.0, 123456789012, 7, 1E-3]] } """, new[] { -0.0, 123456789012, 7, 1e-3 })]
    [InlineData("""{"inputs": [[0.30000000000000004, 2.2250738585072014E-308, 999999999, 1000000000]]}""", new[] { 0.30000000000000004, 2.2250738585072014E-308, 999999999, 1e9 })]
    [InlineData("""{"inputs": [[1, 2, 3, 1e400]]}""", new[] { 1, 2, 3, double.PositiveInfinity })]
    public void Lists_of_numbers_are_read_as_the_document_parser_reads_them(string body, double[] expected)
    {
        var utf8 = Encoding.UTF8.GetBytes(body);
        NumericSamplesJson.TryRead(utf8, Image, out var values, out var count).Should().BeTrue();

        values.Should().Equal(expected);
        count.Should().Be(expected.Length / 4);
        var (document, documentCount) = ModelInput.FromDocument(utf8, Image);
        values.Select(BitConverter.DoubleToInt64Bits).Should().Equal(document.Select(BitConverter.DoubleToInt64Bits), "the same bits, -0.0 included");
        count.Should().Be(documentCount);
    }

    [Fact]
    public void A_one_feature_model_takes_bare_numbers()
    {
        var utf8 = """{"inputs": [1, [2], 3.25]}"""u8.ToArray();
        NumericSamplesJson.TryRead(utf8, OneFeature, out var values, out var count).Should().BeTrue();

        values.Should().Equal(1, 2, 3.25);
        count.Should().Be(3);
        ModelInput.FromDocument(utf8, OneFeature).Values.Should().Equal(values);
    }

    [Theory]
    [InlineData("""{"dataframe_split": {"data": [[1, 2, 3, 4]]}}""")]
    [InlineData("""{"dataframe_records": [{"x0": 1, "x1": 2, "x2": 3, "x3": 4}]}""")]
    [InlineData("""{"inputs": [[1, 2, 3, 4]], "instances": [[1, 2, 3, 4]]}""")]
    [InlineData("""{"inputs": [[1, 2, 3, 4]], "inputs": [[5, 6, 7, 8]]}""")]
    [InlineData("""{"inputs": [[1, 2, 3, 4]], "dataframe_split": {"data": [[1, 2, 3, 4]]}}""")]
    [InlineData("""{"inputs": [[1, 2, 3]]}""")]
    [InlineData("""{"inputs": [[1, 2, 3, 4, 5]]}""")]
    [InlineData("""{"inputs": [[1, 2, "3", 4]]}""")]
    [InlineData("""{"inputs": [[1, 2, null, 4]]}""")]
    [InlineData("""{"inputs": [{"x0": 1, "x1": 2, "x2": 3, "x3": 4}]}""")]
    [InlineData("""{"inputs": [{"b64": "AAAA"}]}""")]
    [InlineData("""{"inputs": {"x0": [1], "x1": [2], "x2": [3], "x3": [4]}}""")]
    [InlineData("""{"inputs": []}""")]
    [InlineData("""{"inputs": [[1, 2, 3, 4]]} trailing""")]
    [InlineData("""{"inputs": [[1, 2, 3, 4]],}""")]
    [InlineData("""{"in\u0070uts": [[1, 2, 3, 4]]}""")]
    [InlineData("""[[1, 2, 3, 4]]""")]
    [InlineData("""{"params": 1}""")]
    [InlineData("""not json""")]
    public void Every_other_body_is_left_to_the_document_parser(string body)
    {
        var utf8 = Encoding.UTF8.GetBytes(body);
        NumericSamplesJson.TryRead(utf8, Image, out _, out _).Should().BeFalse();

        // What FromJson answers is then the document parser's answer, error or samples.
        var fromJson = Answer(() => ModelInput.FromJson(utf8, Image));
        var fromDocument = Answer(() => ModelInput.FromDocument(utf8, Image));
        fromJson.Should().Be(fromDocument);
    }

    [Fact]
    public void A_text_models_body_is_left_to_the_document_parser()
    {
        var text = new ModelPreprocessing
        {
            Dataset = "text",
            FeatureShape = [3],
            TaskKind = TaskKind.Classification,
            OutputSize = 2,
            FeatureNames = ["t0", "t1", "t2"],
            Label = "label",
            VocabularySize = 4,
            Text = new TextEncoding { Tokens = ["<pad>", "<unk>", "good", "bad"], Length = 3 },
        };

        NumericSamplesJson.TryRead("""{"inputs": [[2, 3, 0]]}"""u8, text, out _, out _).Should().BeFalse();
    }

    private static string Answer(Func<(double[] Values, int Count)> parse)
    {
        try
        {
            var (values, count) = parse();
            return $"{count}: {string.Join(", ", values)}";
        }
        catch (ModelInputException e)
        {
            return $"{e.ErrorCode}: {e.Message}";
        }
    }

    private static ModelPreprocessing Model(long[] shape)
    {
        var count = (int)shape.Aggregate(1L, (a, b) => a * b);
        return new ModelPreprocessing
        {
            Dataset = "test",
            FeatureShape = shape,
            TaskKind = TaskKind.Regression,
            OutputSize = 1,
            FeatureNames = Enumerable.Range(0, count).Select(i => $"x{i}").ToList(),
            Label = "y",
        };
    }
}
