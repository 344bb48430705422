using System.ComponentModel.DataAnnotations;
using Crucible.Abstractions;

namespace Crucible.Plugins.Datasets.Text;

/// <summary>Options of the <c>text</c> dataset.</summary>
public sealed class TextDatasetOptions : IValidatableObject
{
    /// <summary>Files of <c>sentence TAB label</c> lines, read together. Required.</summary>
    [Required]
    [MinLength(1)]
    [DataPath]
    public string[] Paths { get; set; } = [];

    /// <summary>Tokens per sample: longer sentences are cut, shorter ones padded. Defaults to 32.</summary>
    [Range(1, 100_000)]
    public int MaxLength { get; set; } = 32;

    /// <summary>A token must occur this often in the training split to get its own index. Defaults to 1.</summary>
    [Range(1, int.MaxValue)]
    public int MinFrequency { get; set; } = 1;

    /// <summary>Largest vocabulary, padding and unknown included; 0 for no limit. Defaults to 0.</summary>
    [Range(0, int.MaxValue)]
    public int MaxVocabulary { get; set; }

    /// <summary>Pad short sentences in front (so a recurrent model's last step sees text) rather than after. Defaults to true.</summary>
    public bool PadFront { get; set; } = true;

    /// <summary>Fraction held out for testing. Defaults to 0.2.</summary>
    [Range(0.0, 0.9)]
    public double TestFraction { get; set; } = 0.2;

    /// <summary>Fraction held out for validation. Defaults to 0 (use the trainer's validationSplit).</summary>
    [Range(0.0, 0.9)]
    public double ValidationFraction { get; set; }

    /// <summary>For two classes: one output logit with 0/1 float targets (for bce-with-logits). Defaults to false.</summary>
    public bool SingleBinaryOutput { get; set; }

    /// <summary>The dataset's name in the tracking record. Defaults to "text".</summary>
    public string DatasetName { get; set; } = "text";

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TestFraction + ValidationFraction >= 1)
        {
            yield return new ValidationResult("testFraction and validationFraction must sum to less than 1.", [nameof(TestFraction), nameof(ValidationFraction)]);
        }
    }
}
