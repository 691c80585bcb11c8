namespace ClaudeGrains.Cli.Protocol;

/// <summary>
/// Replaces the JSON escapes of lone UTF-16 surrogates (<c>\ud83d</c> without its other half) with U+FFFD. The CLI
/// writes them when it cuts text between the two halves of a character (its strings are UTF-16, and JavaScript's
/// JSON.stringify escapes a lone half), and System.Text.Json refuses to read such a string: a line with one in a
/// string field would be dropped, and one kept as JSON would throw when its text was read.
/// </summary>
internal static class LoneSurrogates
{
    private const int EscapeLength = 6; // \uXXXX

    /// <summary>A copy of <paramref name="line"/> with every lone surrogate escape replaced, or null if it has none.</summary>
    public static byte[]? Repair(ReadOnlySpan<byte> line)
    {
        byte[]? repaired = null;
        var offset = 0;
        while (line[offset..].IndexOf("\\u"u8) is var found and >= 0)
        {
            var at = offset + found;
            offset = at + 2;
            if (!StartsEscape(line, at) || !TryReadUnit(line, at, out var unit))
            {
                continue;
            }

            offset = at + EscapeLength;
            if (unit is < 0xD800 or > 0xDFFF)
            {
                continue;
            }

            if (unit <= 0xDBFF && TryReadUnit(line, at + EscapeLength, out var next) && next is >= 0xDC00 and <= 0xDFFF)
            {
                offset = at + 2 * EscapeLength; // a whole pair
                continue;
            }

            repaired ??= line.ToArray();
            "\\ufffd"u8.CopyTo(repaired.AsSpan(at));
        }

        return repaired;
    }

    // The backslash starts an escape unless it is itself escaped: an odd run of backslashes ends in an escape.
    private static bool StartsEscape(ReadOnlySpan<byte> line, int backslash)
    {
        var run = 1;
        for (var i = backslash - 1; i >= 0 && line[i] == (byte)'\\'; i--)
        {
            run++;
        }

        return run % 2 == 1;
    }

    private static bool TryReadUnit(ReadOnlySpan<byte> line, int at, out int unit)
    {
        unit = 0;
        if (at + EscapeLength > line.Length || line[at] != (byte)'\\' || line[at + 1] != (byte)'u')
        {
            return false;
        }

        foreach (var digit in line.Slice(at + 2, 4))
        {
            var value = digit switch
            {
                >= (byte)'0' and <= (byte)'9' => digit - '0',
                >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => digit - 'A' + 10,
                _ => -1,
            };
            if (value < 0)
            {
                return false;
            }

            unit = unit * 16 + value;
        }

        return true;
    }
}
