namespace Crucible.Plugins.Datasets.ImageFolder;

/// <summary>Where the <c>crop</c> window of an image folder's images is taken.</summary>
public enum CropMode
{
    /// <summary>In the middle of every image (torchvision's <c>CenterCrop</c>).</summary>
    Center,

    /// <summary>
    /// At a random place in every training image, drawn anew each time the image is read (torchvision's
    /// <c>RandomCrop</c>); validation and test images are cropped in the middle.
    /// </summary>
    Random,
}
