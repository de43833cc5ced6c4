using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CfSync.Translation.Manifests;

/// <summary>
/// Reads a YAML (or JSON) text document by document with YamlDotNet's event parser, which needs no recursion;
/// <see cref="YamlDocumentBuilder"/> turns each document's events into JSON within <see cref="ManifestLimits"/>.
/// A syntax error throws a <see cref="ManifestException"/> naming its document and the line of the error: a tab in
/// indentation points at the tab (YamlDotNet gives no position, or the scalar before it), an unclosed flow
/// sequence or mapping points where it opens (the parser notices only lines later).
/// </summary>
internal static class YamlDocumentReader
{
    public static IEnumerable<YamlDocument> Read(string text, string file)
    {
        var parser = new Parser(new StringReader(text));
        var index = 0;
        var position = new ParsePosition(text);
        YamlDocumentBuilder? builder = null;
        while (Next(parser, file, index, position) is { } parsingEvent)
        {
            position.Read(parsingEvent);
            switch (parsingEvent)
            {
                case DocumentStart documentStart:
                    builder = new YamlDocumentBuilder(file, ++index, documentStart.Start);
                    break;
                case DocumentEnd when builder is not null:
                    yield return builder.Finish();
                    builder = null;
                    break;
                case StreamStart or StreamEnd:
                    break;
                default:
                    builder?.Add(parsingEvent);
                    break;
            }
        }
    }

    private static ParsingEvent? Next(Parser parser, string file, int index, ParsePosition position)
    {
        try
        {
            return parser.MoveNext() ? parser.Current : null;
        }
        catch (YamlException e)
        {
            var message = Describe(e);
            if (message.Contains("tab", StringComparison.Ordinal) && position.TabAfter(e.Start) is { } tab)
            {
                throw Problem(file, index, tab, "a tab in indentation: YAML indents with spaces only");
            }

            if (message.Contains("did not find expected ','", StringComparison.Ordinal) && position.OpenFlow is { } open)
            {
                throw Problem(file, index, open.Start, $"{Unclosed(open)} ({message.TrimEnd('.')}, line {e.Start.Line})");
            }

            throw Problem(file, index, e.Start, message);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's parser throws these too on some malformed input (an unclosed [ before a plain scalar, an
            // invalid tag), without a position: the problem is after the last event read (ManifestFuzzTests).
            throw position.OpenFlow is { } open
                ? Problem(file, index, open.Start, $"not valid YAML in the flow {Opened(open)} opened here (never closed, or a malformed tag inside?)")
                : Problem(file, index, position.Last, "not valid YAML after here (an unclosed bracket or quote, or a malformed tag?)");
        }
    }

    private static ManifestException Problem(string file, int index, Mark at, string message) =>
        new(new ManifestProblem(file, index, (int)at.Line, (int)at.Column, null, null, message));

    private static string Unclosed(ParsingEvent open) => $"this flow {Opened(open)} is never closed";

    private static string Opened(ParsingEvent open) => open is SequenceStart ? "sequence '['" : "mapping '{'";

    // YamlDotNet's message starts with its own "(Line: .., Col: ..)" prefix; ours carries the position already.
    private static string Describe(YamlException e)
    {
        var message = (e.InnerException as YamlException)?.Message ?? e.Message;
        var dash = message.IndexOf(") - (", StringComparison.Ordinal);
        if (message.StartsWith("(Line:", StringComparison.Ordinal) && dash >= 0)
        {
            var end = message.IndexOf("): ", dash, StringComparison.Ordinal);
            return end >= 0 ? message[(end + 3)..] : message;
        }

        return message;
    }
}
