using System.Reflection;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Crucible.Host.Plugins;

/// <summary>
/// The summaries of an assembly's XML documentation file, so option descriptions are written once,
/// as doc comments, and shown by <c>crucible plugins</c> and the JSON Schema.
/// </summary>
internal sealed class XmlDocumentation
{
    private readonly Dictionary<string, string> summaries;

    private XmlDocumentation(Dictionary<string, string> summaries)
    {
        this.summaries = summaries;
    }

    public static XmlDocumentation Empty { get; } = new([]);

    /// <summary>Reads <c>Name.xml</c> next to the assembly; empty when there is none or it is unreadable.</summary>
    public static XmlDocumentation ForAssembly(string assemblyPath)
    {
        var xmlPath = Path.ChangeExtension(assemblyPath, ".xml");
        if (!File.Exists(xmlPath))
        {
            return Empty;
        }

        try
        {
            var doc = XDocument.Load(xmlPath);
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var member in doc.Descendants("member"))
            {
                var name = member.Attribute("name")?.Value;
                var summary = member.Element("summary");
                if (name is not null && summary is not null)
                {
                    result[name] = Flatten(summary);
                }
            }

            return new XmlDocumentation(result);
        }
        catch (XmlException)
        {
            // A broken doc file only costs descriptions, never the plugin.
            return Empty;
        }
    }

    public string? Summary(Type type) => Find("T:" + TypeId(type));

    public string? Summary(PropertyInfo property) =>
        Find($"P:{TypeId(property.DeclaringType!)}.{property.Name}");

    private string? Find(string id) => summaries.TryGetValue(id, out var text) ? text : null;

    private static string TypeId(Type type) => (type.FullName ?? type.Name).Replace('+', '.');

    private static string Flatten(XElement element)
    {
        var text = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText t:
                    text.Append(t.Value);
                    break;
                case XElement e when e.Name.LocalName is "see" or "seealso" or "paramref" or "typeparamref":
                    var reference = e.Attribute("cref")?.Value ?? e.Attribute("name")?.Value ?? e.Attribute("langword")?.Value ?? e.Value;
                    var lastDot = reference.LastIndexOf('.');
                    text.Append(lastDot >= 0 ? reference[(lastDot + 1)..] : reference.Split(':')[^1]);
                    break;
                case XElement e:
                    text.Append(Flatten(e));
                    break;
            }
        }

        return string.Join(' ', text.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
