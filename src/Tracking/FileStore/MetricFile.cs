using System.Text;

namespace Crucible.Tracking.FileStore;

/// <summary>
/// One metric's file in the file store (<c>metrics/KEY</c>, a line <c>timestamp value step</c> per
/// point), appended so that a point is there once whatever fails: an exact repeat of a line already
/// in the file is skipped (as MLflow's SQL store treats an exact repeat as already logged, so a retry
/// after a lost acknowledgement adds nothing); a write that fails part way (a full disk) is cut back
/// to where it started; a last line torn by a crash is removed before the next append.
/// </summary>
internal sealed class MetricFile(string path)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly object gate = new();
    private readonly HashSet<string> lines = new(StringComparer.Ordinal);
    private bool loaded;

    public string FilePath { get; } = path;

    /// <summary>
    /// Appends the lines (each ending in a newline) the file does not hold yet with <paramref name="write"/>;
    /// returns how many were written.
    /// </summary>
    public int Append(IEnumerable<string> candidates, Action<FileStream, byte[]> write)
    {
        lock (gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            using var stream = new FileStream(FilePath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            if (!loaded)
            {
                Load(stream);
                loaded = true;
            }

            var fresh = new List<string>();
            var batch = new HashSet<string>(StringComparer.Ordinal);
            foreach (var line in candidates)
            {
                if (!lines.Contains(line) && batch.Add(line))
                {
                    fresh.Add(line);
                }
            }

            if (fresh.Count == 0)
            {
                return 0;
            }

            var start = stream.Seek(0, SeekOrigin.End);
            try
            {
                write(stream, Utf8.GetBytes(string.Concat(fresh)));
                stream.Flush();
            }
            catch (IOException)
            {
                // Nothing of this batch may stay: the caller retries all of it.
                TryTruncate(stream, start);
                throw;
            }

            lines.UnionWith(fresh);
            return fresh.Count;
        }
    }

    private static void TryTruncate(FileStream stream, long length)
    {
        try
        {
            stream.SetLength(length);
        }
        catch (IOException)
        {
            // Cannot cut back (the disk is gone): the next Load drops a torn last line, and the
            // complete lines are exact repeats that the retry skips.
        }
    }

    private void Load(FileStream stream)
    {
        stream.Seek(0, SeekOrigin.Begin);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        var end = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        if (end < bytes.Length)
        {
            // A crash tore the last line: it was never acknowledged, so it goes.
            stream.SetLength(end);
        }

        foreach (var line in Utf8.GetString(bytes, 0, end).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            lines.Add(line + "\n");
        }
    }
}
