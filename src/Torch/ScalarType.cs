namespace Crucible.Torch;

/// <summary>Element types of a tensor. The values are libtorch's <c>c10::ScalarType</c> codes.</summary>
#pragma warning disable CA1028 // The values mirror libtorch's enum, which is what crosses the boundary.
public enum ScalarType
#pragma warning restore CA1028
{
    /// <summary>8-bit unsigned integer (<c>torch.uint8</c>).</summary>
    UInt8 = 0,

    /// <summary>32-bit signed integer (<c>torch.int32</c>).</summary>
    Int32 = 3,

    /// <summary>64-bit signed integer (<c>torch.int64</c>), the type of indices and class labels.</summary>
    Int64 = 4,

    /// <summary>16-bit IEEE half precision (<c>torch.float16</c>).</summary>
    Float16 = 5,

    /// <summary>32-bit float (<c>torch.float32</c>), the default.</summary>
    Float32 = 6,

    /// <summary>64-bit float (<c>torch.float64</c>).</summary>
    Float64 = 7,

    /// <summary>Boolean (<c>torch.bool</c>).</summary>
    Bool = 11,

    /// <summary>16-bit brain float (<c>torch.bfloat16</c>).</summary>
    BFloat16 = 15,
}

/// <summary>Helpers for <see cref="ScalarType"/>.</summary>
public static class ScalarTypeExtensions
{
    /// <summary>Size in bytes of one element.</summary>
    public static int ElementSize(this ScalarType type) => type switch
    {
        ScalarType.UInt8 or ScalarType.Bool => 1,
        ScalarType.Float16 or ScalarType.BFloat16 => 2,
        ScalarType.Int32 or ScalarType.Float32 => 4,
        ScalarType.Int64 or ScalarType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown scalar type."),
    };

    /// <summary>True for float16, bfloat16, float32 and float64.</summary>
    public static bool IsFloatingPoint(this ScalarType type) =>
        type is ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Float32 or ScalarType.Float64;

    /// <summary>The PyTorch spelling (<c>torch.float32</c> is "float32").</summary>
    public static string ToPyTorchName(this ScalarType type) => type switch
    {
        ScalarType.UInt8 => "uint8",
        ScalarType.Int32 => "int32",
        ScalarType.Int64 => "int64",
        ScalarType.Float16 => "float16",
        ScalarType.Float32 => "float32",
        ScalarType.Float64 => "float64",
        ScalarType.Bool => "bool",
        ScalarType.BFloat16 => "bfloat16",
        _ => type.ToString(),
    };

    /// <summary>Parses a PyTorch dtype name ("float32", "float", "long", "int64", ...).</summary>
    public static ScalarType Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "uint8" or "byte" => ScalarType.UInt8,
            "int32" or "int" => ScalarType.Int32,
            "int64" or "long" => ScalarType.Int64,
            "float16" or "half" => ScalarType.Float16,
            "float32" or "float" => ScalarType.Float32,
            "float64" or "double" => ScalarType.Float64,
            "bool" => ScalarType.Bool,
            "bfloat16" => ScalarType.BFloat16,
            _ => throw new ArgumentException(
                $"Unknown dtype '{name}'. Expected one of float32, float64, float16, bfloat16, int64, int32, uint8, bool.",
                nameof(name)),
        };
    }
}
