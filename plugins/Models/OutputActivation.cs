namespace Crucible.Plugins.Models;

/// <summary>What the last layer applies to its output.</summary>
public enum OutputActivation
{
    /// <summary>Raw scores (logits), what cross-entropy and BCE-with-logits losses expect.</summary>
    None,

    /// <summary>A sigmoid per output, for 0/1 targets with MSE or BCE (the course's XOR network).</summary>
    Sigmoid,

    /// <summary>Softmax over the outputs.</summary>
    Softmax,
}
