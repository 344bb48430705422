namespace Crucible.Plugins.Datasets.ImageFolder;

/// <summary>The class names and the splits of an opened image folder.</summary>
internal sealed record ImageFolderSplits(IReadOnlyList<string> ClassNames, ImageFolderSource Train, ImageFolderSource? Validation, ImageFolderSource? Test);
