using System.Buffers;
using Crucible.Tracking.Model;

namespace Crucible.Tracking.Outbox;

/// <summary>
/// The crash-safe log of one run: every record is appended (and fsync'd) before the store sees
/// it; acknowledgements are appended after the store accepted it. The file is held with an
/// exclusive lock while a process works on it, so a live run is never synced twice, and a killed
/// process releases it. Undelivered records, in order, are kept in <see cref="Pending"/>.
/// </summary>
internal sealed class RunOutbox : IDisposable
{
    public const string Extension = ".outbox.jsonl";
    private const long CompactAfterBytes = 32 * 1024 * 1024;

    private readonly object gate = new();
    private readonly ArrayBufferWriter<byte> buffer = new(64 * 1024);
    private readonly List<OutboxRecord> pending = [];
    private FileStream stream;
    private long ackedThrough;
    private long sizeAfterCompaction;
    private OutboxHeader? createdRun;

    private RunOutbox(string path, FileStream stream, OutboxHeader header)
    {
        FilePath = path;
        this.stream = stream;
        Header = header;
    }

    public string FilePath { get; }

    public OutboxHeader Header { get; }

    /// <summary>The run's id on the store: the provisional id until <see cref="MarkCreated"/>.</summary>
    public string RunId => createdRun?.RunId ?? Header.RunId;

    /// <summary>The run's experiment on the store (empty for a provisional run of an experiment not created yet).</summary>
    public string ExperimentId => createdRun?.ExperimentId ?? Header.ExperimentId;

    /// <summary>True while the run exists only here, under a provisional id.</summary>
    public bool IsProvisional => Header.Pending is not null && createdRun is null;

    /// <summary>Where artifact snapshots of this run wait for upload.</summary>
    public string SpoolDirectory => FilePath[..^Extension.Length] + ".files";

    /// <summary>Where the artifact record <paramref name="sequence"/> keeps its snapshot: <c>{spool}/{sequence}/</c>.</summary>
    public string SnapshotFolder(long sequence) => Path.Combine(SpoolDirectory, sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public long AckedThrough
    {
        get
        {
            lock (gate)
            {
                return ackedThrough;
            }
        }
    }

    public int PendingCount
    {
        get
        {
            lock (gate)
            {
                return pending.Count;
            }
        }
    }

    public int RejectedCount { get; private set; }

    /// <summary>The highest sequence number the outbox holds.</summary>
    public long LastSequence { get; private set; }

    public bool HasEndRecord { get; private set; }

    public static string PathFor(string root, string runId) => Path.Combine(root, runId + Extension);

    public static RunOutbox Create(string root, OutboxHeader header)
    {
        Directory.CreateDirectory(root);
        var path = PathFor(root, header.RunId);
        var stream = OpenExclusive(path, FileMode.Append);
        var outbox = new RunOutbox(path, stream, header);
        if (stream.Length == 0)
        {
            lock (outbox.gate)
            {
                outbox.buffer.Clear();
                OutboxCodec.WriteHeader(outbox.buffer, header);
                outbox.WriteBuffer();
            }
        }

        return outbox;
    }

    /// <summary>Opens an existing outbox for replay; null when another process holds it (a live run).</summary>
    public static RunOutbox? TryOpen(string path)
    {
        FileStream stream;
        try
        {
            stream = OpenExclusive(path, FileMode.Open);
        }
        catch (IOException)
        {
            return null;
        }

        try
        {
            var lines = ReadLines(stream);
            var header = lines.FirstOrDefault(l => l.Type == ParsedLineType.Header)?.Header
                ?? throw new TrackingException($"Outbox '{path}' has no header line; it cannot be replayed.");
            var outbox = new RunOutbox(path, stream, header);
            var records = new SortedDictionary<long, OutboxRecord>();
            var acked = 0L;
            var rejected = new HashSet<long>();
            foreach (var line in lines)
            {
                switch (line.Type)
                {
                    case ParsedLineType.Record:
                        records[line.Sequence] = line.Record!;
                        outbox.LastSequence = Math.Max(outbox.LastSequence, line.Sequence);
                        outbox.HasEndRecord |= line.Record!.Kind == OutboxRecordKind.End;
                        break;
                    case ParsedLineType.Ack:
                        acked = Math.Max(acked, line.Sequence);
                        break;
                    case ParsedLineType.Reject:
                        rejected.Add(line.Sequence);
                        break;
                    case ParsedLineType.Created:
                        outbox.createdRun = line.Header;
                        break;
                }
            }

            outbox.ackedThrough = acked;
            outbox.RejectedCount = rejected.Count;
            outbox.pending.AddRange(records.Values.Where(r => r.Sequence > acked && !rejected.Contains(r.Sequence)));
            stream.Seek(0, SeekOrigin.End);

            // End a torn last line, so what we append next is a line of its own.
            if (stream.Length > 0)
            {
                stream.Seek(-1, SeekOrigin.End);
                var last = stream.ReadByte();
                stream.Seek(0, SeekOrigin.End);
                if (last != '\n')
                {
                    stream.Write("\n"u8);
                    stream.Flush(flushToDisk: true);
                }
            }
            return outbox;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Appends records and makes them durable before they are handed to the store.</summary>
    public void Append(IReadOnlyList<OutboxRecord> records)
    {
        lock (gate)
        {
            buffer.Clear();
            foreach (var r in records)
            {
                OutboxCodec.WriteRecord(buffer, r);
                HasEndRecord |= r.Kind == OutboxRecordKind.End;
                LastSequence = Math.Max(LastSequence, r.Sequence);
            }

            WriteBuffer();
            pending.AddRange(records);
        }
    }

    /// <summary>The next records to deliver: a run of batchable ones within the store's limits, or one other record.</summary>
    public List<OutboxRecord> NextChunk(int maxMetrics, int maxParams, int maxTags, int maxItems)
    {
        lock (gate)
        {
            var chunk = new List<OutboxRecord>();
            if (pending.Count == 0)
            {
                return chunk;
            }

            if (!pending[0].IsBatchable)
            {
                chunk.Add(pending[0]);
                return chunk;
            }

            int metrics = 0, parameters = 0, tags = 0;
            var paramKeys = new HashSet<string>(StringComparer.Ordinal);
            var tagKeys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var r in pending)
            {
                if (!r.IsBatchable || chunk.Count >= maxItems)
                {
                    break;
                }

                // MLflow rejects a batch that repeats a param key; a repeated tag key would let the
                // older value win on some stores. End the chunk there instead.
                var fits = r.Kind switch
                {
                    OutboxRecordKind.Metric => metrics < maxMetrics,
                    OutboxRecordKind.Param => parameters < maxParams && !paramKeys.Contains(r.Key),
                    _ => tags < maxTags && !tagKeys.Contains(r.Key),
                };
                if (!fits)
                {
                    break;
                }

                switch (r.Kind)
                {
                    case OutboxRecordKind.Metric:
                        metrics++;
                        break;
                    case OutboxRecordKind.Param:
                        parameters++;
                        paramKeys.Add(r.Key);
                        break;
                    default:
                        tags++;
                        tagKeys.Add(r.Key);
                        break;
                }

                chunk.Add(r);
            }

            return chunk;
        }
    }

    /// <summary>The undelivered metric points (key, step).</summary>
    public List<(string Key, long Step)> PendingMetrics()
    {
        lock (gate)
        {
            return pending.Where(r => r.Kind == OutboxRecordKind.Metric).Select(r => (r.Key, r.Step)).ToList();
        }
    }

    /// <summary>Records (durably) that the provisional run now exists on the store as <paramref name="runId"/>.</summary>
    public void MarkCreated(string runId, string experimentId)
    {
        lock (gate)
        {
            buffer.Clear();
            OutboxCodec.WriteCreated(buffer, runId, experimentId);
            WriteBuffer();
            createdRun = new OutboxHeader(string.Empty, experimentId, runId, 0);
        }
    }

    /// <summary>The store accepted <paramref name="chunk"/> (the head of the pending records).</summary>
    public void Acknowledge(IReadOnlyList<OutboxRecord> chunk)
    {
        lock (gate)
        {
            buffer.Clear();
            OutboxCodec.WriteAck(buffer, chunk[^1].Sequence);
            WriteBuffer();

            // The acknowledgement is on disk: the delivered artifacts' snapshots are not needed
            // again. Released as they go (best effort; Delete removes any left) rather than all when
            // the run ends, which a run of many checkpoints then waited for.
            foreach (var record in chunk)
            {
                if (record.Kind == OutboxRecordKind.Artifact)
                {
                    ReleaseSnapshot(record.Sequence);
                }
            }

            ackedThrough = chunk[^1].Sequence;
            pending.RemoveRange(0, chunk.Count);
            CompactIfLarge();
        }
    }

    /// <summary>The store permanently refused <paramref name="chunk"/>: recorded as rejected, not retried.</summary>
    public void Reject(IReadOnlyList<OutboxRecord> chunk, string error)
    {
        lock (gate)
        {
            buffer.Clear();
            foreach (var r in chunk)
            {
                OutboxCodec.WriteReject(buffer, r.Sequence, error);
            }

            OutboxCodec.WriteAck(buffer, chunk[^1].Sequence);
            WriteBuffer();
            ackedThrough = chunk[^1].Sequence;
            RejectedCount += chunk.Count;
            pending.RemoveRange(0, chunk.Count);
        }
    }

    /// <summary>Deletes the snapshot folder of the delivered artifact record <paramref name="sequence"/>, at best effort.</summary>
    private void ReleaseSnapshot(long sequence)
    {
        var folder = SnapshotFolder(sequence);
        if (!Directory.Exists(folder))
        {
            return;
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Removed with the outbox at the end.
        }
    }

    /// <summary>Removes the outbox and its artifact snapshots (everything was delivered).</summary>
    public void Delete()
    {
        lock (gate)
        {
            stream.Dispose();
            File.Delete(FilePath);
            if (Directory.Exists(SpoolDirectory))
            {
                Directory.Delete(SpoolDirectory, recursive: true);
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            stream.Dispose();
        }
    }

    private static FileStream OpenExclusive(string path, FileMode mode) =>

        // FileShare.None takes an advisory lock (flock) on Unix: a second process cannot open the
        // outbox while this one lives, and the lock goes away with the process, even on SIGKILL.
        new(path, mode, mode == FileMode.Append ? FileAccess.Write : FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.None);

    private static List<ParsedLine> ReadLines(FileStream stream)
    {
        stream.Seek(0, SeekOrigin.Begin);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var data = memory.GetBuffer().AsSpan(0, (int)memory.Length);
        var lines = new List<ParsedLine>();
        while (data.Length > 0)
        {
            var nl = data.IndexOf((byte)'\n');
            var line = nl < 0 ? data : data[..nl];
            if (nl >= 0 && line.Length > 0 && OutboxCodec.Parse(line) is { } parsed)
            {
                lines.Add(parsed);
            }

            // A last line without its newline was torn by a crash: it was never acknowledged to anyone.
            data = nl < 0 ? [] : data[(nl + 1)..];
        }

        return lines;
    }

    private void WriteBuffer()
    {
        stream.Write(buffer.WrittenSpan);
        stream.Flush(flushToDisk: true);
    }

    // Rewrites the file with only the undelivered records once the delivered ones take space.
    private void CompactIfLarge()
    {
        // Only when the file has at least doubled since the last rewrite: a large backlog of
        // undelivered records must not be rewritten on every acknowledgement.
        if (stream.Length < CompactAfterBytes || stream.Length < 2 * sizeAfterCompaction)
        {
            return;
        }

        var tmp = FilePath + ".compact";
        using (var file = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            buffer.Clear();
            OutboxCodec.WriteHeader(buffer, Header);
            if (createdRun is not null)
            {
                OutboxCodec.WriteCreated(buffer, createdRun.RunId, createdRun.ExperimentId);
            }

            OutboxCodec.WriteAck(buffer, ackedThrough);
            foreach (var r in pending)
            {
                OutboxCodec.WriteRecord(buffer, r);
            }

            file.Write(buffer.WrittenSpan);
            file.Flush(flushToDisk: true);
        }

        // Rename over the locked file, then reopen and lock the new one.
        File.Move(tmp, FilePath, overwrite: true);
        stream.Dispose();
        stream = OpenExclusive(FilePath, FileMode.Append);
        sizeAfterCompaction = stream.Length;
    }
}
