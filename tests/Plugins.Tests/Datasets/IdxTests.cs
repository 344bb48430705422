using System.IO.Compression;
using System.Security.Cryptography;
using Crucible.Abstractions;
using Crucible.Plugins.Datasets.Idx;

namespace Crucible.Plugins.Tests.Datasets;

public sealed class IdxTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("crucible-idx-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Mnist_test_labels_decompress_to_the_documented_payload()
    {
        var labels = IdxArray.ReadFile(TestData.File("mnist/t10k-labels-idx1-ubyte.gz"));
        labels.Dimensions.Should().Equal(10000);
        labels.Data.Max().Should().Be(9);

        // README: sha256 of the decompressed file is ff7bcfd4...; rebuild it from what was read.
        using var raw = new MemoryStream();
        labels.Write(raw);
        Convert.ToHexStringLower(SHA256.HashData(raw.ToArray())).Should().Be("ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");
    }

    [Fact]
    public void Fashion_test_images_are_10000_of_28x28()
    {
        var images = IdxArray.ReadFile(TestData.File("fashion-mnist/t10k-images-idx3-ubyte.gz"));
        images.Dimensions.Should().Equal(10000, 28, 28);
        images.Data.Should().HaveCount(7_840_000);
    }

    [Fact]
    public void Raw_and_gzipped_files_read_the_same()
    {
        var array = new IdxArray([2, 3], [1, 2, 3, 4, 5, 255]);
        var rawPath = Path.Combine(dir, "a.idx");
        using (var f = File.Create(rawPath))
        {
            array.Write(f);
        }

        var gzPath = Path.Combine(dir, "a.idx.gz");
        using (var f = File.Create(gzPath))
        using (var gz = new GZipStream(f, CompressionLevel.Fastest))
        {
            array.Write(gz);
        }

        IdxArray.ReadFile(rawPath).Data.Should().Equal(array.Data);
        var fromGz = IdxArray.ReadFile(gzPath);
        fromGz.Dimensions.Should().Equal(2, 3);
        fromGz.Data.Should().Equal(array.Data);
    }

    [Fact]
    public void A_truncated_file_is_reported_as_invalid()
    {
        var path = Path.Combine(dir, "bad.idx");
        File.WriteAllBytes(path, [0, 0, 8, 1, 0, 0, 0, 5, 1, 2]);
        var act = () => IdxArray.ReadFile(path);
        act.Should().Throw<CrucibleException>().WithMessage("*bad.idx' is not a valid IDX file*ends before*");
    }

    [Fact]
    public void A_non_byte_element_type_is_rejected()
    {
        var act = () => IdxArray.Read(new MemoryStream([0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0]));
        act.Should().Throw<InvalidDataException>().WithMessage("*0x0D*");
    }
}
