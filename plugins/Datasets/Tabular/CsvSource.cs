using System.Globalization;
using Crucible.Abstractions;
using Crucible.Plugins.Datasets.Common;

namespace Crucible.Plugins.Datasets.Tabular;

/// <summary>
/// One split of a CSV file read lazily: sample i is data row <c>rows[i]</c>, its feature columns
/// parsed and scaled with the training split's scaler, its label encoded. A row that cannot be read
/// names the file, the row and the sample.
/// </summary>
internal sealed class CsvSource(CsvRecords records, long[] rows, int width, int[] featureColumns, int labelColumn, IReadOnlyList<string> names, ColumnScaler? scaler, CsvLabels labels, ColumnScaler? targetScaler) : ISampleSource, IDisposable
{
    public long Count => rows.LongLength;

    public void Read(long index, Span<float> features, Span<float> target)
    {
        var record = rows[index];
        var fields = records.Fields(record);
        var where = string.Create(CultureInfo.InvariantCulture, $"'{records.Path}' row {record + 1} (sample {index})");
        if (fields.Length != width)
        {
            throw new DatasetException(string.Create(CultureInfo.InvariantCulture, $"{where} has {fields.Length} fields but the first data row has {width}; check the delimiter."));
        }

        for (var f = 0; f < featureColumns.Length; f++)
        {
            var text = fields[featureColumns[f]];
            if (!CsvTable.TryParse(text, out var value))
            {
                throw new DatasetException($"{where}, column '{names[featureColumns[f]]}': '{text}' is not a number (only labels may be categorical).");
            }

            features[f] = (float)value;
        }

        scaler?.Transform(features[..featureColumns.Length]);
        target[0] = labels.Encode(fields[labelColumn], where);
        targetScaler?.Transform(target[..1]);
    }

    public void Dispose() => records.Dispose();
}
