using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Crucible.Tracking.Model;

namespace Crucible.Tracking.Outbox;

/// <summary>
/// The outbox's line format: one compact JSON object per line. <c>t</c> is the line type:
/// <c>h</c> header, <c>m</c>/<c>p</c>/<c>g</c>/<c>i</c>/<c>a</c>/<c>e</c> records (metric, param,
/// tag, input, artifact, end), <c>k</c> "acknowledged through sequence s", <c>x</c> "rejected by the
/// store" (reported, never retried), <c>c</c> "the provisional run was created on the store as run
/// <c>run</c>".
/// </summary>
internal static class OutboxCodec
{
    public static void WriteHeader(ArrayBufferWriter<byte> buffer, OutboxHeader header) =>
        Line(buffer, w =>
        {
            w.WriteString("t", "h");
            w.WriteNumber("v", 1);
            w.WriteString("uri", header.TrackingUri);
            w.WriteString("exp", header.ExperimentId);
            w.WriteString("run", header.RunId);
            w.WriteNumber("created", header.Created);
            if (header.Pending is { } pending)
            {
                w.WriteStartObject("pending");
                w.WriteString("exp_name", pending.ExperimentName);
                w.WriteString("name", pending.RunName);
                w.WriteNumber("start", pending.StartTime);
                w.WriteString("user", pending.User);
                w.WriteStartObject("tags");
                foreach (var tag in pending.Tags)
                {
                    w.WriteString(tag.Key, tag.Value);
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }
        });

    /// <summary>The provisional run was created on the store as run <paramref name="runId"/>.</summary>
    public static void WriteCreated(ArrayBufferWriter<byte> buffer, string runId, string experimentId) =>
        Line(buffer, w =>
        {
            w.WriteString("t", "c");
            w.WriteString("run", runId);
            w.WriteString("exp", experimentId);
        });

    public static void WriteAck(ArrayBufferWriter<byte> buffer, long sequence) =>
        Line(buffer, w =>
        {
            w.WriteString("t", "k");
            w.WriteNumber("s", sequence);
        });

    public static void WriteReject(ArrayBufferWriter<byte> buffer, long sequence, string error) =>
        Line(buffer, w =>
        {
            w.WriteString("t", "x");
            w.WriteNumber("s", sequence);
            w.WriteString("err", error);
        });

    public static void WriteRecord(ArrayBufferWriter<byte> buffer, OutboxRecord r) =>
        Line(buffer, w =>
        {
            switch (r.Kind)
            {
                case OutboxRecordKind.Metric:
                    w.WriteString("t", "m");
                    w.WriteNumber("s", r.Sequence);
                    w.WriteString("k", r.Key);
                    if (double.IsFinite(r.Value))
                    {
                        w.WriteNumber("v", r.Value);
                    }
                    else
                    {
                        w.WriteString("v", r.Value.ToString(CultureInfo.InvariantCulture));
                    }

                    w.WriteNumber("ts", r.Timestamp);
                    w.WriteNumber("st", r.Step);
                    break;
                case OutboxRecordKind.Param:
                case OutboxRecordKind.Tag:
                    w.WriteString("t", r.Kind == OutboxRecordKind.Param ? "p" : "g");
                    w.WriteNumber("s", r.Sequence);
                    w.WriteString("k", r.Key);
                    w.WriteString("v", r.Text);
                    break;
                case OutboxRecordKind.Input:
                    var d = r.Input!.Dataset;
                    w.WriteString("t", "i");
                    w.WriteNumber("s", r.Sequence);
                    w.WriteString("name", d.Name);
                    w.WriteString("digest", d.Digest);
                    w.WriteString("stype", d.SourceType);
                    w.WriteString("src", d.Source);
                    w.WriteString("schema", d.Schema);
                    w.WriteString("profile", d.Profile);
                    w.WriteStartObject("tags");
                    foreach (var tag in r.Input.Tags)
                    {
                        w.WriteString(tag.Key, tag.Value);
                    }

                    w.WriteEndObject();
                    break;
                case OutboxRecordKind.Artifact:
                    w.WriteString("t", "a");
                    w.WriteNumber("s", r.Sequence);
                    w.WriteString("f", r.LocalPath);
                    w.WriteString("ap", r.Text);
                    break;
                case OutboxRecordKind.End:
                    w.WriteString("t", "e");
                    w.WriteNumber("s", r.Sequence);
                    w.WriteString("status", RunStatusNames.ToMlflow(r.Status));
                    w.WriteNumber("ts", r.Timestamp);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown outbox record kind {r.Kind}.");
            }
        });

    /// <summary>Parses one line; null for a line that is torn (the process died while writing it).</summary>
    public static ParsedLine? Parse(ReadOnlySpan<byte> line)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line.ToArray());
        }
        catch (JsonException)
        {
            return null;
        }

        using (doc)
        {
            var e = doc.RootElement;
            var type = e.GetProperty("t").GetString();
            long Seq() => e.GetProperty("s").GetInt64();
            string? Str(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            switch (type)
            {
                case "h":
                    OutboxPendingRun? pending = null;
                    if (e.TryGetProperty("pending", out var p) && p.ValueKind == JsonValueKind.Object)
                    {
                        pending = new OutboxPendingRun(
                            p.GetProperty("exp_name").GetString()!,
                            p.GetProperty("name").GetString()!,
                            p.GetProperty("start").GetInt64(),
                            p.GetProperty("user").GetString() ?? string.Empty,
                            p.GetProperty("tags").EnumerateObject().Select(t => new RunTag(t.Name, t.Value.GetString() ?? string.Empty)).ToList());
                    }

                    return new ParsedLine(ParsedLineType.Header, 0, null, null, new OutboxHeader(Str("uri")!, Str("exp") ?? string.Empty, Str("run")!, e.GetProperty("created").GetInt64(), pending));
                case "c":
                    return new ParsedLine(ParsedLineType.Created, 0, null, null, new OutboxHeader(string.Empty, Str("exp")!, Str("run")!, 0));
                case "k":
                    return new ParsedLine(ParsedLineType.Ack, Seq(), null, null, null);
                case "x":
                    return new ParsedLine(ParsedLineType.Reject, Seq(), null, Str("err"), null);
                case "m":
                    var v = e.GetProperty("v");
                    var value = v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.Parse(v.GetString()!, CultureInfo.InvariantCulture);
                    return Record(new OutboxRecord
                    {
                        Sequence = Seq(),
                        Kind = OutboxRecordKind.Metric,
                        Key = Str("k")!,
                        Value = value,
                        Timestamp = e.GetProperty("ts").GetInt64(),
                        Step = e.GetProperty("st").GetInt64(),
                    });
                case "p":
                case "g":
                    return Record(new OutboxRecord
                    {
                        Sequence = Seq(),
                        Kind = type == "p" ? OutboxRecordKind.Param : OutboxRecordKind.Tag,
                        Key = Str("k")!,
                        Text = Str("v") ?? string.Empty,
                    });
                case "i":
                    var tags = e.GetProperty("tags").EnumerateObject().Select(p => new RunTag(p.Name, p.Value.GetString() ?? string.Empty)).ToList();
                    return Record(new OutboxRecord
                    {
                        Sequence = Seq(),
                        Kind = OutboxRecordKind.Input,
                        Input = new DatasetInput(new Dataset(Str("name")!, Str("digest")!, Str("stype")!, Str("src")!, Str("schema"), Str("profile")), tags),
                    });
                case "a":
                    return Record(new OutboxRecord { Sequence = Seq(), Kind = OutboxRecordKind.Artifact, LocalPath = Str("f"), Text = Str("ap") });
                case "e":
                    return Record(new OutboxRecord
                    {
                        Sequence = Seq(),
                        Kind = OutboxRecordKind.End,
                        Status = RunStatusNames.FromMlflow(Str("status")),
                        Timestamp = e.GetProperty("ts").GetInt64(),
                    });
                default:
                    return null;
            }
        }
    }

    private static ParsedLine Record(OutboxRecord r) => new(ParsedLineType.Record, r.Sequence, r, null, null);

    private static void Line(ArrayBufferWriter<byte> buffer, Action<Utf8JsonWriter> body)
    {
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
    }
}
