using System.Text.Json.Nodes;
using CfSync.Core.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CfSync.Translation.Manifests;

/// <summary>
/// Builds one document's JSON from its parsing events, with an explicit stack instead of recursion, and counts
/// against <see cref="ManifestLimits"/> as the events come: depth, scalar and document length, and what aliases
/// copy. The first event past a bound, a key that is not a unique scalar, or an alias without an earlier anchor
/// (or inside the node it names) throws a <see cref="ManifestException"/> naming its line and field.
/// </summary>
internal sealed class YamlDocumentBuilder(string file, int index, Mark start)
{
    private readonly Stack<Frame> open = new();
    private readonly Dictionary<string, Anchored> anchors = new(StringComparer.Ordinal);
    private NodeMarks? marks;
    private long written;
    private long copied;
    private long copiedLength;
    private JsonNode? root;

    public void Add(ParsingEvent parsingEvent)
    {
        ArgumentNullException.ThrowIfNull(parsingEvent);
        written++;
        CheckLength(parsingEvent.End, parsingEvent.Start);
        switch (parsingEvent)
        {
            case MappingStart mapping:
                Open(new JsonObject(), mapping);
                break;
            case SequenceStart sequence:
                Open(new JsonArray(), sequence);
                break;
            case MappingEnd or SequenceEnd:
                Close();
                break;
            case Scalar scalar:
                AddScalar(scalar);
                break;
            case AnchorAlias alias:
                AddAlias(alias);
                break;
        }
    }

    public YamlDocument Finish() => new(index, root, marks ?? new NodeMarks(start));

    private void Open(JsonNode node, NodeEvent opening)
    {
        RefuseKey(opening.Start, "a mapping key must be a scalar");
        if (open.Count >= ManifestLimits.MaxDepth)
        {
            throw Problem(opening.Start, $"nests deeper than {ManifestLimits.MaxDepth} mappings and sequences");
        }

        var segment = open.TryPeek(out var parent) ? parent.ChildSegment() : string.Empty;
        open.Push(new Frame(node, opening.Anchor.IsEmpty ? null : opening.Anchor.Value, segment, MarksOfNext(parent, opening.Start)));
    }

    private void Close()
    {
        var frame = open.Pop();
        Remember(frame.Anchor, new Anchored(frame.Node, frame.Nodes, frame.Length, frame.Height));
        Attach(frame.Node, frame.Nodes, frame.Length, frame.Height);
    }

    private void AddScalar(Scalar scalar)
    {
        var length = scalar.Value.Length;
        if (length > ManifestLimits.MaxScalarLength)
        {
            throw Problem(scalar.Start, $"a value of {length} characters: more than {ManifestLimits.MaxScalarLength} (1 MiB), the most Kubernetes stores in one");
        }

        if (open.TryPeek(out var parent) && parent.ExpectsKey)
        {
            if (((JsonObject)parent.Node).ContainsKey(scalar.Value))
            {
                throw Problem(scalar.Start, $"duplicate key '{Quote.Of(scalar.Value)}'");
            }

            parent.Key = scalar.Value;
            parent.Marks?.Key(scalar.Value, scalar.Start);
            parent.Nodes++;
            parent.Length += length;
            Remember(scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value, new Anchored(JsonValue.Create(scalar.Value), 1, length, 0));
            return;
        }

        var value = YamlScalars.ToJson(scalar);
        Remember(scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value, new Anchored(value, 1, length, 0));
        MarksOfNext(parent, scalar.Start);
        Attach(value, 1, length, 0);
    }

    private void AddAlias(AnchorAlias alias)
    {
        RefuseKey(alias.Start, "an alias cannot be a mapping key");
        var name = alias.Value.Value;
        if (open.Any(frame => frame.Anchor == name))
        {
            throw Problem(alias.Start, $"alias *{Quote.Of(name)} is inside the node it names: it would never end");
        }

        if (!anchors.TryGetValue(name, out var anchored))
        {
            throw Problem(alias.Start, $"alias *{Quote.Of(name)} has no anchor &{Quote.Of(name)} before it");
        }

        copied += anchored.Nodes;
        var budget = ManifestLimits.AliasAllowance + (ManifestLimits.AliasRatio * written);
        if (copied > budget)
        {
            throw Problem(alias.Start, $"aliases copy more than {budget} nodes into the document ({ManifestLimits.AliasRatio} per node written and {ManifestLimits.AliasAllowance}): an alias bomb");
        }

        copiedLength += anchored.Length;
        CheckLength(alias.End, alias.Start);
        if (open.Count + anchored.Height > ManifestLimits.MaxDepth)
        {
            throw Problem(alias.Start, $"alias *{Quote.Of(name)} nests deeper than {ManifestLimits.MaxDepth} mappings and sequences");
        }

        MarksOfNext(open.TryPeek(out var parent) ? parent : null, alias.Start);
        Attach(anchored.Node?.DeepClone(), anchored.Nodes, anchored.Length, anchored.Height);
    }

    // Keeps the marks of the root and of what NodeMarks keeps below; a sequence keeps one per element, to stay aligned.
    private NodeMarks? MarksOfNext(Frame? parent, Mark at)
    {
        if (parent is null)
        {
            return marks ??= new NodeMarks(at);
        }

        return parent.Node is JsonObject ? parent.Marks?.Field(parent.Key!, at) : parent.Marks?.Element(at);
    }

    private void Attach(JsonNode? node, long nodes, long length, int height)
    {
        if (!open.TryPeek(out var parent))
        {
            root = node;
            return;
        }

        parent.Nodes += nodes;
        parent.Length += length;
        parent.Height = Math.Max(parent.Height, height + 1);
        if (parent.Node is JsonObject obj)
        {
            obj[parent.Key!] = node;
            parent.Key = null;
        }
        else
        {
            ((JsonArray)parent.Node).Add(node);
        }
    }

    // A later anchor of the same name replaces the earlier one for the aliases after it, as YAML says.
    private void Remember(string? anchor, Anchored anchored)
    {
        if (anchor is not null)
        {
            anchors[anchor] = anchored;
        }
    }

    private void RefuseKey(Mark at, string message)
    {
        if (open.TryPeek(out var parent) && parent.ExpectsKey)
        {
            throw Problem(at, message);
        }
    }

    private void CheckLength(Mark end, Mark at)
    {
        if (end.Index - start.Index + copiedLength > ManifestLimits.MaxDocumentLength)
        {
            throw Problem(at, $"the document is longer than {ManifestLimits.MaxDocumentLength} characters (3 MiB, counting what aliases copy), more than the API server takes");
        }
    }

    private ManifestException Problem(Mark at, string message)
    {
        var path = string.Concat(open.Reverse().Select(f => f.Segment).Append(open.TryPeek(out var top) ? top.ChildSegment() : string.Empty)).TrimStart('.');
        return new ManifestException(new ManifestProblem(file, index, (int)at.Line, (int)at.Column, null, path.Length == 0 ? null : Quote.Of(path), message));
    }

    private sealed record Anchored(JsonNode? Node, long Nodes, long Length, int Height);

    /// <summary>An open mapping or sequence: what it holds so far, counted with everything copied into it.</summary>
    private sealed class Frame(JsonNode node, string? anchor, string segment, NodeMarks? marks)
    {
        public JsonNode Node { get; } = node;

        public string? Anchor { get; } = anchor;

        /// <summary>How the parent names it: <c>.key</c> or <c>[index]</c>.</summary>
        public string Segment { get; } = segment;

        /// <summary>In a mapping, the key whose value comes next; null while the next event is a key.</summary>
        public string? Key { get; set; }

        public NodeMarks? Marks { get; } = marks;

        public long Nodes { get; set; } = 1;

        public long Length { get; set; }

        public int Height { get; set; } = 1;

        public bool ExpectsKey => Node is JsonObject && Key is null;

        // Keys are quoted here, so a path of 64 long keys stays short.
        public string ChildSegment() => Node is JsonObject ? (Key is null ? string.Empty : $".{Quote.Of(Key)}") : $"[{((JsonArray)Node).Count}]";
    }
}
