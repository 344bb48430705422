namespace Crucible.Host.Configuration;

/// <summary>
/// A string option that may also be written as a JSON number, read as its text: Lightning writes
/// <c>precision=32</c> and <c>precision="bf16"</c>, and <c>--set training.precision=32</c> parses as a number.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class NumberAsTextAttribute : Attribute
{
}
