using System.Text;
using Crucible.Onnx.Proto;
using Google.Protobuf;

namespace Crucible.Onnx;

/// <summary>A named attribute of an ONNX node (<c>kernel_shape</c>, <c>alpha</c>, ...).</summary>
#pragma warning disable CA1711 // Named after ONNX's AttributeProto, not a .NET attribute.
public sealed class OnnxAttribute
#pragma warning restore CA1711
{
    private OnnxAttribute(AttributeProto proto)
    {
        Proto = proto;
    }

    /// <summary>The attribute's name.</summary>
    public string Name => Proto.Name;

    internal AttributeProto Proto { get; }

    /// <summary>An integer attribute.</summary>
    public static OnnxAttribute Int(string name, long value) => new(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value });

    /// <summary>A list of integers.</summary>
    public static OnnxAttribute Ints(string name, params long[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var proto = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        proto.Ints.AddRange(values);
        return new(proto);
    }

    /// <summary>A float attribute (stored as float32, as ONNX does).</summary>
    public static OnnxAttribute Float(string name, double value) => new(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = (float)value });

    /// <summary>A string attribute.</summary>
    public static OnnxAttribute String(string name, string value) => new(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) });

    /// <summary>A list of strings.</summary>
    public static OnnxAttribute Strings(string name, params string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var proto = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Strings };
        proto.Strings.AddRange(values.Select(v => ByteString.CopyFrom(Encoding.UTF8.GetBytes(v))));
        return new(proto);
    }
}
