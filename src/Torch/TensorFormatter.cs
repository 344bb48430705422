using System.Globalization;
using System.Text;

namespace Crucible.Torch;

/// <summary>
/// Prints a tensor the way PyTorch 1.13's <c>torch/_tensor_str.py</c> does with its default print
/// options (precision 4, line width 80, summarizing above 1000 elements with 3 edge items), so a
/// tensor in a log or a test failure reads exactly as it would in Python.
/// </summary>
internal static class TensorFormatter
{
    private const int Precision = 4;
    private const int LineWidth = 80;
    private const int Threshold = 1000;
    private const int EdgeItems = 3;
    private const string Prefix = "tensor(";

    public static string Format(Tensor tensor)
    {
        using var scope = torch.NewDisposeScope();
        var dtype = tensor.DType;
        var shape = tensor.Shape;
        var numel = tensor.NumEl;
        var device = tensor.Device;
        var suffixes = new List<string>();
        if (device.Type != DeviceType.Cpu)
        {
            suffixes.Add($"device='{device}'");
        }

        string body;
        if (numel == 0)
        {
            body = "[]";
            if (shape.Length != 1)
            {
                suffixes.Add("size=(" + string.Join(", ", shape) + (shape.Length == 1 ? ",)" : ")"));
            }

            if (dtype != ScalarType.Float32)
            {
                suffixes.Add("dtype=torch." + dtype.ToPyTorchName());
            }
        }
        else
        {
            if (dtype is not (ScalarType.Float32 or ScalarType.Int64 or ScalarType.Bool))
            {
                suffixes.Add("dtype=torch." + dtype.ToPyTorchName());
            }

            body = Body(tensor, dtype, shape, numel);
        }

        var gradFn = tensor.GradFn;
        if (gradFn is not null)
        {
            suffixes.Add($"grad_fn=<{gradFn}>");
        }
        else if (tensor.RequiresGrad)
        {
            suffixes.Add("requires_grad=True");
        }

        return AddSuffixes(Prefix + body, suffixes);
    }

    private static string Body(Tensor tensor, ScalarType dtype, long[] shape, long numel)
    {
        var summarize = numel > Threshold;
        var data = tensor.Detach().To(Device.Cpu);
        var summarized = new bool[shape.Length];
        if (summarize)
        {
            for (var d = 0; d < shape.Length; d++)
            {
                if (shape[d] > 2 * EdgeItems)
                {
                    summarized[d] = true;
                    data = torch.Cat([data.Narrow(d, 0, EdgeItems), data.Narrow(d, shape[d] - EdgeItems, EdgeItems)], d);
                }
            }
        }

        var reducedShape = data.Shape;
        var formatter = dtype switch
        {
            ScalarType.Bool => new ElementFormatter(data.ToArray<bool>()),
            _ when dtype.IsFloatingPoint() => new ElementFormatter(data.To(ScalarType.Float64).ToArray<double>()),
            _ => new ElementFormatter(data.To(ScalarType.Int64).ToArray<long>()),
        };

        if (shape.Length == 0)
        {
            return formatter.Format(0);
        }

        var strides = new long[reducedShape.Length];
        long stride = 1;
        for (var d = reducedShape.Length - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= reducedShape[d];
        }

        return Str(formatter, reducedShape, strides, summarized, 0, 0, Prefix.Length);
    }

    private static string Str(ElementFormatter f, long[] shape, long[] strides, bool[] summarized, int d, long offset, int indent)
    {
        var ndim = shape.Length;
        if (d == ndim - 1)
        {
            var elementLength = f.Width + 2;
            var perLine = Math.Max(1, (LineWidth - indent) / elementLength);
            var items = new List<string>();
            for (long i = 0; i < shape[d]; i++)
            {
                if (summarized[d] && i == EdgeItems)
                {
                    items.Add(" ...");
                }

                items.Add(f.Format(offset + (i * strides[d])));
            }

            var lines = items.Chunk(perLine).Select(line => string.Join(", ", line));
            return "[" + string.Join(",\n" + new string(' ', indent + 1), lines) + "]";
        }

        var slices = new List<string>();
        for (long i = 0; i < shape[d]; i++)
        {
            if (summarized[d] && i == EdgeItems)
            {
                slices.Add("...");
            }

            slices.Add(Str(f, shape, strides, summarized, d + 1, offset + (i * strides[d]), indent + 1));
        }

        var separator = "," + new string('\n', ndim - d - 1) + new string(' ', indent + 1);
        return "[" + string.Join(separator, slices) + "]";
    }

    private static string AddSuffixes(string text, List<string> suffixes)
    {
        var sb = new StringBuilder(text);
        var lastLineLength = text.Length - text.LastIndexOf('\n') + 1;
        foreach (var suffix in suffixes)
        {
            if (lastLineLength + suffix.Length + 2 > LineWidth)
            {
                sb.Append(",\n").Append(' ', Prefix.Length).Append(suffix);
                lastLineLength = Prefix.Length + suffix.Length;
            }
            else
            {
                sb.Append(", ").Append(suffix);
                lastLineLength += suffix.Length + 2;
            }
        }

        return sb.Append(')').ToString();
    }

    /// <summary>PyTorch's <c>_Formatter</c>: picks integer, fixed or scientific notation and a common width.</summary>
    private sealed class ElementFormatter
    {
        private readonly double[]? reals;
        private readonly long[]? integers;
        private readonly bool[]? bools;
        private readonly bool intMode = true;
        private readonly bool sciMode;

        public ElementFormatter(bool[] values)
        {
            bools = values;
            Width = values.Length == 0 ? 1 : values.Max(v => v ? 4 : 5);
        }

        public ElementFormatter(long[] values)
        {
            integers = values;
            Width = Math.Max(1, values.Length == 0 ? 1 : values.Max(v => v.ToString(CultureInfo.InvariantCulture).Length));
        }

        public ElementFormatter(double[] values)
        {
            reals = values;
            Width = 1;
            var finite = values.Where(v => double.IsFinite(v) && v != 0).ToArray();
            if (finite.Length == 0)
            {
                return;
            }

            var min = finite.Min(Math.Abs);
            var max = finite.Max(Math.Abs);
            intMode = finite.All(v => v == Math.Ceiling(v));
            if (intMode)
            {
                sciMode = max / min > 1000 || max > 1e8;
                Width = sciMode ? finite.Max(v => Sci(v).Length) : finite.Max(v => Fixed(v, 0).Length + 1);
            }
            else
            {
                sciMode = max / min > 1000 || max > 1e8 || min < 1e-4;
                Width = sciMode ? finite.Max(v => Sci(v).Length) : finite.Max(v => Fixed(v, Precision).Length);
            }
        }

        public int Width { get; }

        public string Format(long index)
        {
            string text;
            if (bools is not null)
            {
                text = bools[index] ? "True" : "False";
            }
            else if (integers is not null)
            {
                text = integers[index].ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                var v = reals![index];
                if (sciMode)
                {
                    text = Sci(v);
                }
                else if (intMode)
                {
                    text = Fixed(v, 0);
                    if (double.IsFinite(v))
                    {
                        text += ".";
                    }
                }
                else
                {
                    text = Fixed(v, Precision);
                }
            }

            return text.Length >= Width ? text : new string(' ', Width - text.Length) + text;
        }

        // Python's spellings of non-finite values.
        private static string? NonFinite(double v) =>
            double.IsNaN(v) ? "nan" : double.IsPositiveInfinity(v) ? "inf" : double.IsNegativeInfinity(v) ? "-inf" : null;

        private static string Fixed(double v, int digits) =>
            NonFinite(v) ?? v.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

        private static string Sci(double v) =>
            NonFinite(v) ?? v.ToString("0." + new string('0', Precision) + "e+00", CultureInfo.InvariantCulture);
    }
}
