using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CfSync.Translation.Manifests;

/// <summary>
/// Reads a YAML (or JSON) text document by document with YamlDotNet's event parser, which needs no recursion;
/// <see cref="YamlDocumentBuilder"/> turns each document's events into JSON within <see cref="ManifestLimits"/>.
/// A syntax error throws a <see cref="ManifestException"/> naming its document and line.
/// </summary>
internal static class YamlDocumentReader
{
    public static IEnumerable<YamlDocument> Read(string text, string file)
    {
        var parser = new Parser(new StringReader(text));
        var index = 0;
        var last = Mark.Empty;
        YamlDocumentBuilder? builder = null;
        while (Next(parser, file, index, last) is { } parsingEvent)
        {
            last = parsingEvent.End;
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

    private static ParsingEvent? Next(Parser parser, string file, int index, Mark last)
    {
        try
        {
            return parser.MoveNext() ? parser.Current : null;
        }
        catch (YamlException e)
        {
            throw new ManifestException(new ManifestProblem(file, index, (int)e.Start.Line, (int)e.Start.Column, null, null, Describe(e)));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's parser throws these too on some malformed input (an unclosed [ before a plain scalar, an
            // invalid tag), without a position: the problem is after the last event read (ManifestFuzzTests).
            throw new ManifestException(new ManifestProblem(file, index, (int)last.Line, (int)last.Column, null, null,
                "not valid YAML after here (an unclosed bracket or quote, or a malformed tag?)"));
        }
    }

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
