using Crucible.Plugins.Datasets.Text;

namespace Crucible.Plugins.Tests.Datasets;

public class TextTests
{
    [Fact]
    public void Tokens_are_lower_case_words_with_inner_apostrophes()
    {
        Tokenizer.Tokenize("Wow... Loved this place! Don't 'quote' it, 10/10.")
            .Should().Equal("wow", "loved", "this", "place", "don't", "quote", "it", "10", "10");
    }

    [Fact]
    public void Vocabulary_orders_by_frequency_and_keeps_pad_and_unknown_first()
    {
        var vocab = Vocabulary.Build([["b", "a", "b"], ["c", "a", "b"]]);
        vocab.Tokens.Should().Equal("<pad>", "<unk>", "b", "a", "c");
        vocab.IndexOf("zzz").Should().Be(Vocabulary.UnknownIndex);
    }

    [Fact]
    public void Vocabulary_respects_minimum_frequency_and_size()
    {
        var docs = new[] { new[] { "a", "a", "b", "b", "c" } };
        Vocabulary.Build(docs, minFrequency: 2).Tokens.Should().Equal("<pad>", "<unk>", "a", "b");
        Vocabulary.Build(docs, maxSize: 3).Tokens.Should().Equal("<pad>", "<unk>", "a");
    }

    [Fact]
    public void Encoding_pads_in_front_by_default_and_truncates_long_texts()
    {
        var vocab = Vocabulary.Build([["good", "food"]]);
        vocab.Encode(["good", "meal"], 4).Should().Equal(0, 0, vocab.IndexOf("good"), Vocabulary.UnknownIndex);
        vocab.Encode(["good", "meal"], 4, padFront: false).Should().Equal(vocab.IndexOf("good"), 1, 0, 0);
        vocab.Encode(["good", "food", "good"], 2).Should().Equal(vocab.IndexOf("good"), vocab.IndexOf("food"));
    }

    [Fact]
    public void Sentiment_files_split_at_the_last_tab()
    {
        var rows = LabelledSentences.ReadFile(TestData.File("text/sentiment-labelled-sentences/imdb_labelled.txt"));
        rows.Should().HaveCount(1000);
        rows.Count(r => r.Label == "1").Should().Be(500);
        rows.Should().OnlyContain(r => r.Label == "0" || r.Label == "1");
    }

    [Fact]
    public void Unbalanced_quotes_do_not_merge_lines()
    {
        var rows = LabelledSentences.Read(new StringReader("He said \"great  \t1\nbad\t0\n"), "t");
        rows.Should().Equal(("He said \"great", "1"), ("bad", "0"));
    }
}
