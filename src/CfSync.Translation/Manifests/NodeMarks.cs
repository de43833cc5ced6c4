using YamlDotNet.Core;

namespace CfSync.Translation.Manifests;

/// <summary>
/// Where the parts of a document that <see cref="ManifestObjectRules"/> checks start in the text, for problems to
/// name their line: a skeleton beside the JSON, not an index of every node (which would cost a million entries for
/// a million-node document). Kept for the root, the elements of a kept sequence, and the <c>metadata</c> and
/// <c>items</c> of a kept mapping, with the lines of the keys the rules check. A copy made by an alias has the
/// alias's start and nothing inside.
/// </summary>
internal sealed class NodeMarks(Mark start)
{
    private static readonly HashSet<string> CheckedKeys = ["apiVersion", "kind", "metadata", "items", "name", "namespace", "uid"];
    private static readonly HashSet<string> KeptFields = ["metadata", "items"];

    private Dictionary<string, Mark>? keys;
    private Dictionary<string, NodeMarks>? fields;
    private List<NodeMarks>? elements;

    public Mark Start { get; } = start;

    /// <summary>The marks to keep for the value of <paramref name="key"/> in this mapping; null when none are kept.</summary>
    public NodeMarks? Field(string key, Mark valueStart)
    {
        if (!KeptFields.Contains(key))
        {
            return null;
        }

        var marks = new NodeMarks(valueStart);
        (fields ??= new(StringComparer.Ordinal))[key] = marks;
        return marks;
    }

    /// <summary>The marks of the next element of this sequence.</summary>
    public NodeMarks Element(Mark elementStart)
    {
        var marks = new NodeMarks(elementStart);
        (elements ??= []).Add(marks);
        return marks;
    }

    public void Key(string key, Mark mark)
    {
        if (CheckedKeys.Contains(key))
        {
            (keys ??= new(StringComparer.Ordinal))[key] = mark;
        }
    }

    /// <summary>Where <paramref name="key"/> is, else where this node starts.</summary>
    public Mark KeyOf(string key) => keys is not null && keys.TryGetValue(key, out var mark) ? mark : Start;

    public NodeMarks? FieldOf(string key) => fields?.GetValueOrDefault(key);

    public NodeMarks? ElementOf(int index) => elements is not null && index < elements.Count ? elements[index] : null;
}
