using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Crucible.Plugins.Metrics.Imaging;
using Crucible.Plugins.Metrics.Math;

namespace Crucible.Plugins.Tests.Metrics;

public class PngTests
{
    [Fact]
    public void Crc32_matches_the_standard_check_value()
    {
        PngEncoder.Crc32("123456789"u8).Should().Be(0xCBF43926u);
    }

    [Fact]
    public void Encoded_image_decodes_back_to_its_pixels()
    {
        byte[] rgb = [255, 0, 0, 0, 255, 0, /* row 2 */ 0, 0, 255, 10, 20, 30];
        var png = PngEncoder.Encode(2, 2, rgb);
        var (width, height, pixels) = Decode(png);
        width.Should().Be(2);
        height.Should().Be(2);
        pixels.Should().Equal(rgb);
    }

    [Fact]
    public void Confusion_matrix_image_shades_cells_by_row_fraction()
    {
        var m = ConfusionMatrix.From([0, 0, 0, 1], [0, 0, 1, 1], 2);
        var (width, height, pixels) = Decode(ConfusionMatrixImage.RenderPng(m));
        width.Should().Be(64);
        height.Should().Be(64);

        // Cell (0,0) holds all of row 0: darkest blue; cell (0,1) none: white. Sample near a corner, off grid and digits.
        Pixel(pixels, width, 3, 3).Should().Be(ConfusionMatrixImage.Shade(1));
        Pixel(pixels, width, 32 + 3, 3).Should().Be(ConfusionMatrixImage.Shade(0));
        Pixel(pixels, width, 3, 32 + 3).Should().Be(ConfusionMatrixImage.Shade(0.5));

        // The count "2" is drawn in white on the dark cell.
        var cell = Enumerable.Range(0, 32).SelectMany(y => Enumerable.Range(0, 32).Select(x => Pixel(pixels, width, x, y)));
        cell.Should().Contain(((byte)255, (byte)255, (byte)255));
    }

    private static (byte, byte, byte) Pixel(byte[] pixels, int width, int x, int y)
    {
        var o = ((y * width) + x) * 3;
        return (pixels[o], pixels[o + 1], pixels[o + 2]);
    }

    /// <summary>A minimal PNG reader for what the encoder writes: checks signature, chunk CRCs, filter 0.</summary>
    private static (int Width, int Height, byte[] Pixels) Decode(byte[] png)
    {
        png.Take(8).Should().Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        var pos = 8;
        int width = 0, height = 0;
        using var idat = new MemoryStream();
        var types = new List<string>();
        while (pos < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            var type = Encoding.ASCII.GetString(png, pos + 4, 4);
            types.Add(type);
            var data = png.AsSpan(pos + 8, length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + length));
            crc.Should().Be(PngEncoder.Crc32(data, PngEncoder.Crc32(Encoding.ASCII.GetBytes(type))), $"the CRC of {type}");
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                data[8].Should().Be(8);
                data[9].Should().Be(2);
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            pos += 12 + length;
        }

        types.Should().Equal("IHDR", "IDAT", "IEND");
        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        var bytes = raw.ToArray();
        bytes.Should().HaveCount(height * ((width * 3) + 1));
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            bytes[y * ((width * 3) + 1)].Should().Be(0);
            Array.Copy(bytes, (y * ((width * 3) + 1)) + 1, pixels, y * width * 3, width * 3);
        }

        return (width, height, pixels);
    }
}
