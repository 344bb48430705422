using System.Buffers.Text;
using System.Text.Json;

namespace Crucible.Host.Models;

/// <summary>
/// The scoring request most clients send, read in one pass without a document: a JSON object whose
/// one input field, <c>inputs</c> or <c>instances</c>, is a list of samples, each a list of numbers
/// (nested in any way, as the feature shape or flat) with exactly the model's feature count, or a
/// number for a one-feature model. The values are the ones <see cref="ModelInput.FromJson"/> reads
/// from such a body. Anything else (the other input fields, records, strings, encoded files, text
/// models, a wrong count, invalid JSON) is not read here: <see cref="TryRead"/> answers false and
/// <see cref="ModelInput"/>'s full parser takes the body, with its error messages.
/// </summary>
internal static class NumericSamplesJson
{
    /// <summary>Up to this many digits, an unsigned integer is exact in an int and in a double.</summary>
    private const int MaxIntegerDigits = 9;

    private static ReadOnlySpan<byte> Inputs => "inputs"u8;

    private static ReadOnlySpan<byte> Instances => "instances"u8;

    private static ReadOnlySpan<byte> DataframeSplit => "dataframe_split"u8;

    private static ReadOnlySpan<byte> DataframeRecords => "dataframe_records"u8;

    /// <summary>The samples of <paramref name="utf8"/>, when it has the shape described above.</summary>
    public static bool TryRead(ReadOnlySpan<byte> utf8, ModelPreprocessing model, out double[] values, out int count)
    {
        ArgumentNullException.ThrowIfNull(model);
        values = [];
        count = 0;
        if (model.Text is not null)
        {
            return false;
        }

        try
        {
            return TryReadObject(new Utf8JsonReader(utf8), model.FeatureCount, ref values, ref count);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryReadObject(Utf8JsonReader reader, int width, ref double[] values, ref int count)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var fields = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                return false;
            }

            var name = reader.ValueSpan;
            if (name.SequenceEqual(DataframeSplit) || name.SequenceEqual(DataframeRecords))
            {
                return false;
            }

            var samples = name.SequenceEqual(Inputs) || name.SequenceEqual(Instances);
            if (!reader.Read())
            {
                return false;
            }

            if (!samples)
            {
                // Any other field is ignored, as the full parser ignores it.
                reader.Skip();
                continue;
            }

            if (++fields > 1 || !TryReadSamples(ref reader, width, out values, out count))
            {
                return false;
            }
        }

        // The object ends the body, and it held exactly one input field.
        return reader.TokenType == JsonTokenType.EndObject && !reader.Read() && fields == 1;
    }

    /// <summary>The list of samples the reader is at, read to its end.</summary>
    private static bool TryReadSamples(ref Utf8JsonReader reader, int width, out double[] values, out int count)
    {
        values = [];
        count = 0;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var buffer = new double[width];
        var length = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (length + width > buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            if (reader.TokenType == JsonTokenType.Number && width == 1)
            {
                if (!TryNumber(ref reader, out buffer[length]))
                {
                    return false;
                }
            }
            else if (reader.TokenType != JsonTokenType.StartArray || !TryReadSample(ref reader, buffer.AsSpan(length, width)))
            {
                return false;
            }

            length += width;
            count++;
        }

        if (count == 0)
        {
            return false;
        }

        values = length == buffer.Length ? buffer : buffer[..length];
        return true;
    }

    /// <summary>One sample: the list the reader is at, holding lists and exactly <c>into.Length</c> numbers.</summary>
    private static bool TryReadSample(ref Utf8JsonReader reader, Span<double> into)
    {
        var depth = reader.CurrentDepth;
        var filled = 0;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Number when filled < into.Length:
                    if (!TryNumber(ref reader, out into[filled++]))
                    {
                        return false;
                    }

                    break;
                case JsonTokenType.StartArray:
                    break;
                case JsonTokenType.EndArray when reader.CurrentDepth == depth:
                    return filled == into.Length;
                case JsonTokenType.EndArray:
                    break;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>The number the reader is at, as <see cref="JsonElement.GetDouble"/> reads it (small unsigned integers without the general parser).</summary>
    private static bool TryNumber(ref Utf8JsonReader reader, out double value)
    {
        var digits = reader.ValueSpan;
        if (digits.Length <= MaxIntegerDigits && Utf8Parser.TryParse(digits, out uint integer, out var used) && used == digits.Length)
        {
            value = integer;
            return true;
        }

        return reader.TryGetDouble(out value);
    }
}
