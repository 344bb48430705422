using System.Buffers;
using System.Globalization;
using System.Text;
using Crucible.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace Crucible.Plugins.Datasets.Tabular;

/// <summary>The records of a CSV file read one at a time through its <see cref="CsvRowIndex"/>; thread-safe.</summary>
internal sealed class CsvRecords : IDisposable
{
    private readonly SafeFileHandle handle;
    private readonly CsvRowIndex index;
    private readonly string delimiter;

    public CsvRecords(string path, string delimiter, string cacheDirectory)
    {
        Path = path;
        this.delimiter = delimiter;
        var whitespace = delimiter.Equals("whitespace", StringComparison.OrdinalIgnoreCase) || delimiter == " ";
        index = CsvRowIndex.Open(path, quotes: !whitespace, cacheDirectory);
        handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
    }

    public string Path { get; }

    /// <summary>SHA-256 of the file.</summary>
    public string Digest => index.Digest;

    /// <summary>Records in the file, a header included.</summary>
    public long Count => index.Count;

    /// <summary>The fields of record <paramref name="record"/> (0 is the file's first non-blank line).</summary>
    public string[] Fields(long record)
    {
        var (start, end) = index.Range(record);
        var length = checked((int)(end - start));
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, length));
        try
        {
            var read = 0;
            while (read < length)
            {
                var n = RandomAccess.Read(handle, buffer.AsSpan(read, length - read), start + read);
                if (n == 0)
                {
                    throw new DatasetException(string.Create(CultureInfo.InvariantCulture, $"'{Path}' is truncated: row {record + 1} (byte {start}) ends at byte {start + read}, before the {length} bytes its index recorded."));
                }

                read += n;
            }

            var rows = CsvText.Parse(new StringReader(Encoding.UTF8.GetString(buffer, 0, length)), delimiter);
            return rows.Count == 0 ? [] : rows[0];
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose()
    {
        handle.Dispose();
        index.Dispose();
    }
}
