using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CfSync.Translation.Manifests;

/// <summary>
/// Where YamlDotNet's parser is in a text: the end of the last event and the collections still open, to place a
/// syntax error on the line the user has to fix.
/// </summary>
internal sealed class ParsePosition(string text)
{
    private readonly Stack<ParsingEvent> open = new();

    public Mark Last { get; private set; } = Mark.Empty;

    /// <summary>The innermost flow sequence or mapping not closed yet, if any.</summary>
    public ParsingEvent? OpenFlow => open.FirstOrDefault(IsFlow);

    public void Read(ParsingEvent parsingEvent)
    {
        Last = parsingEvent.End;
        switch (parsingEvent)
        {
            case SequenceStart or MappingStart:
                open.Push(parsingEvent);
                break;
            case SequenceEnd or MappingEnd when open.Count > 0:
                open.Pop();
                break;
        }
    }

    /// <summary>
    /// The first tab in the indentation of a line, from the line of <paramref name="from"/> or of the last event,
    /// whichever is later; null when no indentation has one.
    /// </summary>
    public Mark? TabAfter(Mark from)
    {
        var at = from.Index >= Last.Index ? from : Last;
        var index = (int)Math.Min(at.Index, text.Length);
        var lineStart = index == 0 ? 0 : text.LastIndexOf('\n', index - 1) + 1;
        for (var line = at.Line; lineStart < text.Length; line++)
        {
            var indent = lineStart;
            while (indent < text.Length && text[indent] is ' ' or '\t')
            {
                if (text[indent] == '\t')
                {
                    return new Mark(indent, line, indent - lineStart + 1);
                }

                indent++;
            }

            var end = text.IndexOf('\n', indent);
            if (end < 0)
            {
                return null;
            }

            lineStart = end + 1;
        }

        return null;
    }

    private static bool IsFlow(ParsingEvent parsingEvent) => parsingEvent switch
    {
        SequenceStart sequence => sequence.Style == SequenceStyle.Flow,
        MappingStart mapping => mapping.Style == MappingStyle.Flow,
        _ => false,
    };
}
