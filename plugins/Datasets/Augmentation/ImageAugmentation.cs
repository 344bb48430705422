using Crucible.Abstractions;
using Crucible.Torch;
using Crucible.Torch.Nn;

namespace Crucible.Plugins.Datasets.Augmentation;

/// <summary>
/// The <see cref="IBatchTransform"/> behind <see cref="AugmentationOptions"/>: every step works on the
/// whole batch of images <c>[B, C, H, W]</c> on its device, with one random draw per image from
/// libtorch's generator, and no per-sample loop on the host.
/// </summary>
internal sealed class ImageAugmentation : IBatchTransform
{
    private readonly AugmentationOptions options;
    private readonly double fill;

    private ImageAugmentation(AugmentationOptions options, double fill)
    {
        this.options = options;
        this.fill = fill;
    }

    /// <summary>
    /// The transform for images of <paramref name="featureShape"/> <c>[C, H, W]</c>, or null without
    /// options. <paramref name="black"/> is the feature value of a black pixel, the default fill.
    /// </summary>
    public static ImageAugmentation? Create(AugmentationOptions? options, IReadOnlyList<int> featureShape, double black)
    {
        if (options is null)
        {
            return null;
        }

        if (featureShape.Count != 3)
        {
            throw new DatasetException($"Image augmentation needs images [channels, height, width], but the features have shape [{string.Join(", ", featureShape)}].");
        }

        return new ImageAugmentation(options, options.Fill ?? black);
    }

    /// <inheritdoc />
    public Tensor Apply(Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Dim != 4)
        {
            throw new DatasetException($"Image augmentation needs a batch of images [B, C, H, W], got shape [{string.Join(", ", features.Shape)}].");
        }

        var x = features;
        if (options.RandomCrop is { } crop)
        {
            x = RandomCrop(x, crop.Padding);
        }

        if (options.HorizontalFlip > 0)
        {
            x = RandomFlip(x, options.HorizontalFlip, dim: 3);
        }

        if (options.VerticalFlip > 0)
        {
            x = RandomFlip(x, options.VerticalFlip, dim: 2);
        }

        if (options.HasAffine)
        {
            x = RandomAffine(x);
        }

        if (options.Noise > 0)
        {
            x = x + (torch.RandnLike(x) * options.Noise);
        }

        // Validation guarantees one step ran, so x is a new tensor and features stays the caller's.
        return x;
    }

    /// <summary>
    /// Pads by <paramref name="padding"/> and gathers an H x W window at a random offset per image:
    /// the row and column indices of each window are built on the device and applied with two gathers.
    /// </summary>
    private Tensor RandomCrop(Tensor x, int padding)
    {
        var (b, c, h, w) = Dims(x);
        var device = x.Device;
        var padded = F.Pad(x, [padding, padding, padding, padding], PaddingMode.Constant, fill);
        var top = torch.RandInt(0, (2 * padding) + 1, [b], device: device);
        var left = torch.RandInt(0, (2 * padding) + 1, [b], device: device);
        var rows = (top.View(b, 1) + torch.Arange(h, device: device)).View(b, 1, h, 1).Expand(b, c, h, w + (2 * padding));
        var columns = (left.View(b, 1) + torch.Arange(w, device: device)).View(b, 1, 1, w).Expand(b, c, h, w);
        return padded.Gather(2, rows).Gather(3, columns);
    }

    private static Tensor RandomFlip(Tensor x, double probability, long dim)
    {
        var b = x.Shape[0];
        var chosen = torch.Rand([b], device: x.Device).Lt(probability).View(b, 1, 1, 1);
        return torch.Where(chosen, x.Flip(dim), x);
    }

    /// <summary>
    /// One bilinear resampling for rotation, translation and scale together. theta maps output to input
    /// coordinates in [-1, 1]; the off-diagonal terms carry the aspect ratio, so a rotation stays a
    /// rotation on non-square images. Samples outside the image read the fill value.
    /// </summary>
    private Tensor RandomAffine(Tensor x)
    {
        var (b, c, h, w) = Dims(x);
        var device = x.Device;
        var dtype = x.DType;
        var angle = Uniform(b, options.Rotation * Math.PI / 180, dtype, device);
        var zoom = options.Scale is { } scale
            ? (torch.Rand([b], dtype, device) * (scale[1] - scale[0])) + scale[0]
            : torch.Ones([b], dtype, device);
        var cos = angle.Cos() / zoom;
        var sin = angle.Sin() / zoom;
        var shiftX = Uniform(b, 2 * options.Translate, dtype, device);
        var shiftY = Uniform(b, 2 * options.Translate, dtype, device);
        var theta = torch.Stack(
            [
                torch.Stack([cos, -sin * ((double)h / w), shiftX], 1),
                torch.Stack([sin * ((double)w / h), cos, shiftY], 1),
            ],
            1);
        var grid = F.AffineGrid(theta, [b, c, h, w], alignCorners: false);

        // grid_sample reads zeros outside the image: sampling x - fill and adding fill back reads fill there.
        return fill == 0
            ? F.GridSample(x, grid, GridSampleMode.Bilinear, GridSamplePadding.Zeros, alignCorners: false)
            : F.GridSample(x - fill, grid, GridSampleMode.Bilinear, GridSamplePadding.Zeros, alignCorners: false) + fill;
    }

    /// <summary>Values drawn uniformly from [-limit, limit], one per image.</summary>
    private static Tensor Uniform(long count, double limit, ScalarType dtype, Device device) =>
        (torch.Rand([count], dtype, device) * 2 - 1) * limit;

    private static (long B, long C, long H, long W) Dims(Tensor x)
    {
        var s = x.Shape;
        return (s[0], s[1], s[2], s[3]);
    }
}
