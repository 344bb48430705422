using Crucible.Abstractions;

namespace Crucible.Plugins.Datasets.ImageFolder;

/// <summary>
/// The files of an image folder by split, and the class names. Two layouts: <c>train/</c> (with
/// optional <c>val/</c> or <c>validation/</c>, and <c>test/</c>) each holding one folder per class, or
/// the class folders directly in the root (one pool, split later by fractions). Classes are the
/// training class folders in ordinal name order (torchvision's <c>ImageFolder</c>); images are the
/// <c>.png</c>, <c>.jpg</c> and <c>.jpeg</c> files anywhere below a class folder, in ordinal path order,
/// so the same tree gives the same samples in the same order on every machine.
/// </summary>
internal sealed class ImageFolderLayout
{
    private static readonly string[] Extensions = [".png", ".jpg", ".jpeg"];

    /// <summary>The names a validation folder may have, in the order they are looked for.</summary>
    private static readonly string[] ValidationFolders = ["val", "validation"];

    private ImageFolderLayout(string root, IReadOnlyList<string> classNames, ImageSample[] train, ImageSample[]? validation, ImageSample[]? test)
    {
        Root = root;
        ClassNames = classNames;
        Train = train;
        Validation = validation;
        Test = test;
    }

    public string Root { get; }

    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The training images, or with class folders in the root, every image.</summary>
    public ImageSample[] Train { get; }

    public ImageSample[]? Validation { get; }

    public ImageSample[]? Test { get; }

    public static bool IsImageFile(string path) =>
        Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    public static ImageFolderLayout Scan(string root)
    {
        if (DataFiles.Problem(root, directory: true) is { } problem)
        {
            throw new DatasetException($"The image folder '{root}' {problem}.");
        }

        var trainFolder = Path.Combine(root, "train");
        if (!System.IO.Directory.Exists(trainFolder))
        {
            var classes = ClassFolders(root);
            return new ImageFolderLayout(root, classes, Images(root, classes, classes, "the image folder"), null, null);
        }

        var classNames = ClassFolders(trainFolder);
        var train = Images(trainFolder, classNames, classNames, "train/");
        var validationName = ValidationFolders.FirstOrDefault(n => System.IO.Directory.Exists(Path.Combine(root, n)));
        var validation = validationName is null ? null : Images(Path.Combine(root, validationName), ClassFolders(Path.Combine(root, validationName), classNames), classNames, validationName + "/");
        var testFolder = Path.Combine(root, "test");
        var test = System.IO.Directory.Exists(testFolder) ? Images(testFolder, ClassFolders(testFolder, classNames), classNames, "test/") : null;
        return new ImageFolderLayout(root, classNames, train, validation, test);
    }

    /// <summary>The class folders of <paramref name="folder"/>; with <paramref name="known"/>, each must be one of those classes.</summary>
    private static string[] ClassFolders(string folder, IReadOnlyList<string>? known = null)
    {
        var names = System.IO.Directory.EnumerateDirectories(folder)
            .Select(Path.GetFileName)
            .Where(n => n is not null && !n.StartsWith('.'))
            .Select(n => n!)
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (names.Length == 0)
        {
            var strays = System.IO.Directory.EnumerateFiles(folder).Any(IsImageFile) ? " (its images lie directly in it: put each class's images in a folder named after the class)" : string.Empty;
            throw new DatasetException($"'{folder}' has no class folders{strays}: an image folder holds one folder per class, e.g. '{Path.Combine(folder, "cat")}/1.png'.");
        }

        if (known is not null)
        {
            var unknown = names.Where(n => !known.Contains(n, StringComparer.Ordinal)).ToArray();
            if (unknown.Length > 0)
            {
                throw new DatasetException(
                    $"'{folder}' has the class folder(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))} that train/ does not have; the classes are those of train/: {string.Join(", ", known)}.");
            }
        }

        return names;
    }

    private static ImageSample[] Images(string folder, IReadOnlyList<string> classFolders, IReadOnlyList<string> classNames, string where)
    {
        var samples = new List<ImageSample>();
        foreach (var name in classFolders)
        {
            var label = IndexOf(classNames, name);
            var classFolder = Path.Combine(folder, name);
            var files = System.IO.Directory.EnumerateFiles(classFolder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden })
                .Where(IsImageFile)
                .Order(StringComparer.Ordinal)
                .ToArray();
            if (files.Length == 0)
            {
                throw new DatasetException($"The class folder '{classFolder}' ({where}) has no .png, .jpg or .jpeg files.");
            }

            samples.AddRange(files.Select(f => new ImageSample(f, label)));
        }

        return [.. samples];
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new InvalidOperationException($"Class '{name}' is not among the training classes.");
    }
}
