using System.Globalization;
using Crucible.Plugins.Metrics.Math;

namespace Crucible.Plugins.Metrics.Imaging;

/// <summary>
/// Draws a confusion matrix as a heat map: one square cell per (true row, predicted column),
/// shaded from white to dark blue by the fraction of the row's samples it holds, with the count
/// written in the cell in a built-in 3x5 digit font (no font files or graphics library needed).
/// </summary>
internal static class ConfusionMatrixImage
{
    private const int Cell = 32;
    private const int Scale = 2;

    // 3x5 glyphs for 0-9, one row of three bits per entry, most significant bit left.
    private static readonly int[][] Digits =
    [
        [7, 5, 5, 5, 7], [2, 6, 2, 2, 7], [7, 1, 7, 4, 7], [7, 1, 7, 1, 7], [5, 5, 7, 1, 1],
        [7, 4, 7, 1, 7], [7, 4, 7, 5, 7], [7, 1, 1, 1, 1], [7, 5, 7, 5, 7], [7, 5, 7, 1, 7],
    ];

    /// <summary>Renders <paramref name="matrix"/> as PNG bytes.</summary>
    public static byte[] RenderPng(ConfusionMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var n = matrix.Classes;
        var size = n * Cell;
        var rgb = new byte[size * size * 3];
        for (var t = 0; t < n; t++)
        {
            long rowTotal = 0;
            for (var p = 0; p < n; p++)
            {
                rowTotal += matrix[t, p];
            }

            for (var p = 0; p < n; p++)
            {
                var fraction = rowTotal == 0 ? 0 : (double)matrix[t, p] / rowTotal;
                var (r, g, b) = Shade(fraction);
                Fill(rgb, size, p * Cell, t * Cell, Cell, Cell, r, g, b);

                // A one-pixel grid line keeps neighbouring cells of equal shade apart.
                Fill(rgb, size, p * Cell, t * Cell, Cell, 1, 200, 200, 200);
                Fill(rgb, size, p * Cell, t * Cell, 1, Cell, 200, 200, 200);
                var ink = fraction > 0.5 ? (byte)255 : (byte)0;
                DrawNumber(rgb, size, p * Cell, t * Cell, matrix[t, p], ink);
            }
        }

        return PngEncoder.Encode(size, size, rgb);
    }

    /// <summary>White (0) to dark blue (1).</summary>
    internal static (byte R, byte G, byte B) Shade(double fraction)
    {
        var f = System.Math.Clamp(fraction, 0, 1);
        return ((byte)(255 - (f * 247)), (byte)(255 - (f * 207)), (byte)(255 - (f * 148)));
    }

    private static void DrawNumber(byte[] rgb, int stride, int cellX, int cellY, long value, byte ink)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        var glyphWidth = 4 * Scale;
        var maxDigits = (Cell - 2) / glyphWidth;
        if (text.Length > maxDigits)
        {
            // Too wide to write legibly; the shade still shows the value.
            return;
        }

        var width = (text.Length * glyphWidth) - Scale;
        var x0 = cellX + ((Cell - width) / 2);
        var y0 = cellY + ((Cell - (5 * Scale)) / 2);
        for (var i = 0; i < text.Length; i++)
        {
            var glyph = Digits[text[i] - '0'];
            for (var row = 0; row < 5; row++)
            {
                for (var col = 0; col < 3; col++)
                {
                    if ((glyph[row] & (4 >> col)) != 0)
                    {
                        Fill(rgb, stride, x0 + (i * glyphWidth) + (col * Scale), y0 + (row * Scale), Scale, Scale, ink, ink, ink);
                    }
                }
            }
        }
    }

    private static void Fill(byte[] rgb, int stride, int x, int y, int w, int h, byte r, byte g, byte b)
    {
        for (var yy = y; yy < y + h; yy++)
        {
            for (var xx = x; xx < x + w; xx++)
            {
                var o = ((yy * stride) + xx) * 3;
                rgb[o] = r;
                rgb[o + 1] = g;
                rgb[o + 2] = b;
            }
        }
    }
}
