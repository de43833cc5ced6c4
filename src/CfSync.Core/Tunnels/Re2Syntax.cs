using System.Globalization;
using CfSync.Core.Text;

namespace CfSync.Core.Tunnels;

/// <summary>
/// Checks that a pattern compiles under Go's RE2 syntax, which is what cloudflared compiles ingress paths
/// with. A single linear scan: .NET's Regex accepts things RE2 refuses (lookaround, backreferences, atomic
/// groups) and constructing one costs microseconds per pattern, too slow for tunnels with 10,000 rules.
/// </summary>
public static class Re2Syntax
{
    private const int MaxRepeat = 1000;

    private static readonly string[] PosixClasses =
        ["alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "word", "xdigit"];

    /// <summary>Returns null when <paramref name="pattern"/> is valid RE2, else the first error.</summary>
    public static string? Check(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var scanner = new Scanner(pattern);
        return scanner.Run();
    }

    private ref struct Scanner(string pattern)
    {
        private readonly string p = pattern;
        private int i;
        private int depth;

        // Whether the previous item can take a repetition operator, and whether it already has one.
        private bool hasOperand;
        private bool repeated;

        public string? Run()
        {
            while (i < p.Length)
            {
                var error = Step();
                if (error is not null)
                {
                    return error;
                }
            }

            return depth > 0 ? "missing closing ): unbalanced parentheses" : null;
        }

        private string? Step()
        {
            var c = p[i];
            switch (c)
            {
                case '(':
                    return OpenGroup();
                case ')':
                    if (depth == 0)
                    {
                        return $"unexpected ) at offset {i}";
                    }

                    depth--;
                    i++;
                    return Operand();
                case '|':
                    i++;
                    hasOperand = false;
                    repeated = false;
                    return null;
                case '*' or '+' or '?':
                    return Repeat(1);
                case '{' when TryReadBraces(out var length, out var error):
                    return error ?? Repeat(length);
                case '[':
                    return CharClass();
                case '\\':
                    return Escape(inClass: false) ?? Operand();
                case '^' or '$':
                    i++;
                    hasOperand = false;
                    repeated = false;
                    return null;
                default:
                    i++;
                    return Operand();
            }
        }

        private string? Operand()
        {
            hasOperand = true;
            repeated = false;
            return null;
        }

        private string? Repeat(int length)
        {
            var op = p.Substring(i, length);
            if (!hasOperand)
            {
                return $"missing argument to repetition operator: `{op}`";
            }

            if (repeated)
            {
                return $"invalid nested repetition operator: `{op}`";
            }

            i += length;
            if (i < p.Length && p[i] == '?')
            {
                i++; // non-greedy form
            }

            repeated = true;
            return null;
        }

        // A '{' that does not form {n}, {n,} or {n,m} is a literal in RE2.
        private readonly bool TryReadBraces(out int length, out string? error)
        {
            error = null;
            length = 0;
            var close = p.IndexOf('}', i);
            if (close < 0)
            {
                return false;
            }

            var body = p.AsSpan(i + 1, close - i - 1);
            var comma = body.IndexOf(',');
            var minText = comma < 0 ? body : body[..comma];
            var maxText = comma < 0 ? body : body[(comma + 1)..];
            if (!IsDigits(minText) || (comma >= 0 && maxText.Length > 0 && !IsDigits(maxText)))
            {
                return false;
            }

            length = close - i + 1;
            var min = int.Parse(minText, CultureInfo.InvariantCulture);
            var max = comma >= 0 && maxText.Length == 0 ? -1 : int.Parse(maxText, CultureInfo.InvariantCulture);
            if (min > MaxRepeat || max > MaxRepeat || (max >= 0 && max < min))
            {
                error = $"invalid repeat count: `{p.Substring(i, length)}`";
            }

            return true;
        }

        private static bool IsDigits(ReadOnlySpan<char> s) => s.Length is > 0 and <= 8 && !s.ContainsAnyExceptInRange('0', '9');

        private string? OpenGroup()
        {
            if (i + 1 < p.Length && p[i + 1] == '?')
            {
                var rest = p.AsSpan(i + 2);
                if (rest.StartsWith("P<") || rest.StartsWith("<"))
                {
                    var start = i + 2 + (rest[0] == 'P' ? 2 : 1);
                    var end = p.IndexOf('>', start);
                    if (end < 0 || end == start || !p.AsSpan(start, end - start).ToString().All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'))
                    {
                        return $"invalid named capture at offset {i}";
                    }

                    i = end + 1;
                    return Open();
                }

                // Flags: (?flags) or (?flags:re) with flags from imsU and one optional '-'.
                var j = i + 2;
                var sawMinus = false;
                var sawFlag = false;
                for (; j < p.Length; j++)
                {
                    var f = p[j];
                    if (f is 'i' or 'm' or 's' or 'U')
                    {
                        sawFlag = true;
                    }
                    else if (f == '-' && !sawMinus)
                    {
                        sawMinus = true;
                    }
                    else
                    {
                        break;
                    }
                }

                if (j < p.Length && (p[j] == ':' || (p[j] == ')' && sawFlag)))
                {
                    var isGroup = p[j] == ':';
                    i = j + 1;
                    if (isGroup)
                    {
                        return Open();
                    }

                    hasOperand = false;
                    return null;
                }

                return $"invalid or unsupported Perl syntax: `{p.Substring(i, Math.Min(3, p.Length - i))}` (RE2 has no lookaround, atomic groups or conditionals)";
            }

            i++;
            return Open();
        }

        private string? Open()
        {
            depth++;
            hasOperand = false;
            repeated = false;
            return null;
        }

        private string? CharClass()
        {
            var start = i;
            i++;
            if (i < p.Length && p[i] == '^')
            {
                i++;
            }

            var first = true;
            while (i < p.Length && (p[i] != ']' || first))
            {
                first = false;
                if (p[i] == '[' && i + 1 < p.Length && p[i + 1] == ':')
                {
                    var end = p.IndexOf(":]", i + 2, StringComparison.Ordinal);
                    if (end > 0)
                    {
                        var name = p[(i + 2)..end].TrimStart('^');
                        if (!PosixClasses.Contains(name))
                        {
                            return $"invalid character class range: `[:{Quote.Of(name)}:]`";
                        }

                        i = end + 2;
                        continue;
                    }
                }

                var low = ClassChar(out var error);
                if (error is not null)
                {
                    return error;
                }

                if (i + 1 < p.Length && p[i] == '-' && p[i + 1] != ']')
                {
                    i++;
                    var high = ClassChar(out error);
                    if (error is not null)
                    {
                        return error;
                    }

                    if (low >= 0 && high >= 0 && high < low)
                    {
                        return $"invalid character class range: `{Quote.Of(p.AsSpan(start, i - start))}`";
                    }
                }
            }

            if (i >= p.Length)
            {
                return $"missing closing ]: `{Quote.Of(p.AsSpan(start))}`";
            }

            i++;
            return Operand();
        }

        // Returns the code point of a single class character, or -1 for an escape standing for a set (\d, \pL).
        private int ClassChar(out string? error)
        {
            error = null;
            if (p[i] != '\\')
            {
                return p[i++];
            }

            var escaped = i + 1 < p.Length ? p[i + 1] : '\0';
            error = Escape(inClass: true);
            return escaped is 'd' or 'D' or 's' or 'S' or 'w' or 'W' or 'p' or 'P' ? -1 : escaped;
        }

        private string? Escape(bool inClass)
        {
            if (i + 1 >= p.Length)
            {
                return "trailing backslash at end of expression";
            }

            var e = p[i + 1];
            i += 2;
            switch (e)
            {
                case >= '1' and <= '7' when i >= p.Length || p[i] < '0' || p[i] > '7':
                    return $"invalid escape sequence: `\\{e}` (RE2 has no backreferences)";
                case >= '0' and <= '7':
                    for (var n = 0; n < 2 && i < p.Length && p[i] is >= '0' and <= '7'; n++)
                    {
                        i++;
                    }

                    return null;
                case 'x':
                    return HexEscape();
                case 'p' or 'P':
                    return UnicodeClass();
                case 'Q' when !inClass:
                    var end = p.IndexOf("\\E", i, StringComparison.Ordinal);
                    i = end < 0 ? p.Length : end + 2;
                    return null;
                case 'a' or 'f' or 't' or 'n' or 'r' or 'v' or 'd' or 'D' or 's' or 'S' or 'w' or 'W':
                    return null;
                case 'A' or 'z' or 'b' or 'B' when !inClass:
                    return null;
                default:
                    // Go treats any escaped ASCII non-alphanumeric as itself.
                    return e < 0x80 && !char.IsAsciiLetterOrDigit(e)
                        ? null
                        : $"invalid escape sequence: `\\{e}`";
            }
        }

        private string? HexEscape()
        {
            if (i < p.Length && p[i] == '{')
            {
                var end = p.IndexOf('}', i);
                if (end < 0 || end == i + 1 || !p.AsSpan(i + 1, end - i - 1).ToString().All(char.IsAsciiHexDigit))
                {
                    return "invalid escape sequence: `\\x{`";
                }

                i = end + 1;
                return null;
            }

            if (i + 1 < p.Length && char.IsAsciiHexDigit(p[i]) && char.IsAsciiHexDigit(p[i + 1]))
            {
                i += 2;
                return null;
            }

            return "invalid escape sequence: `\\x` needs two hex digits or {hex}";
        }

        private string? UnicodeClass()
        {
            if (i >= p.Length)
            {
                return "invalid character class range: `\\p`";
            }

            if (p[i] == '{')
            {
                var end = p.IndexOf('}', i);
                if (end < 0 || end == i + 1)
                {
                    return "invalid character class range: `\\p{`";
                }

                i = end + 1;
                return null;
            }

            i++;
            return null;
        }
    }
}
