namespace Crucible.Torch;

/// <summary>Maps CLR element types to <see cref="ScalarType"/>.</summary>
internal static class ElementTypes
{
    public static ScalarType Of<T>()
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            return ScalarType.Float32;
        }

        if (typeof(T) == typeof(double))
        {
            return ScalarType.Float64;
        }

        if (typeof(T) == typeof(long))
        {
            return ScalarType.Int64;
        }

        if (typeof(T) == typeof(int))
        {
            return ScalarType.Int32;
        }

        if (typeof(T) == typeof(byte))
        {
            return ScalarType.UInt8;
        }

        if (typeof(T) == typeof(bool))
        {
            return ScalarType.Bool;
        }

        if (typeof(T) == typeof(Half))
        {
            return ScalarType.Float16;
        }

        throw new NotSupportedException($"{typeof(T).Name} is not a tensor element type; use float, double, long, int, byte, bool or Half.");
    }

    public static string ClrName(ScalarType type) => type switch
    {
        ScalarType.Float32 => "float",
        ScalarType.Float64 => "double",
        ScalarType.Int64 => "long",
        ScalarType.Int32 => "int",
        ScalarType.UInt8 => "byte",
        ScalarType.Bool => "bool",
        ScalarType.Float16 => "Half",
        _ => "float after To(ScalarType.Float32)",
    };
}
