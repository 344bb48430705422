using System.Globalization;

namespace Crucible.Tracking.FileStore;

/// <summary>
/// Formats doubles as Python's <c>repr(float)</c> does (<c>0.51</c>, <c>42.0</c>, <c>1e-05</c>,
/// <c>nan</c>, <c>inf</c>), because MLflow's file store writes metric values that way and its
/// reader, and every tool that diffs stores, expects exactly that text.
/// </summary>
internal static class PythonFloat
{
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsPositiveInfinity(value))
        {
            return "inf";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-inf";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        // "R" gives the shortest round-tripping digits; re-lay them out with Python's rules.
        var r = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = r[0] == '-';
        if (negative)
        {
            r = r[1..];
        }

        var exponent = 0;
        var e = r.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..e];
        }

        var dot = r.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? r[..dot] : r;
        var fracPart = dot >= 0 ? r[(dot + 1)..] : string.Empty;
        var digits = (intPart + fracPart).TrimStart('0');
        var leadingZeros = (intPart + fracPart).Length - digits.Length;
        var decpt = intPart.Length - leadingZeros + exponent;
        digits = digits.TrimEnd('0');

        string body;
        if (decpt <= -4 || decpt > 16)
        {
            var mantissa = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
            var exp = decpt - 1;
            body = mantissa + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
        }
        else if (decpt <= 0)
        {
            body = "0." + new string('0', -decpt) + digits;
        }
        else if (decpt >= digits.Length)
        {
            body = digits + new string('0', decpt - digits.Length) + ".0";
        }
        else
        {
            body = digits[..decpt] + "." + digits[decpt..];
        }

        return negative ? "-" + body : body;
    }

    public static double Parse(string text)
    {
        switch (text.ToUpperInvariant())
        {
            case "NAN":
            case "-NAN":
                return double.NaN;
            case "INF":
            case "INFINITY":
            case "+INF":
                return double.PositiveInfinity;
            case "-INF":
            case "-INFINITY":
                return double.NegativeInfinity;
            default:
                return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
    }
}
