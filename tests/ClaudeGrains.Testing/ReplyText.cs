using System.Globalization;
using System.Text.RegularExpressions;

namespace ClaudeGrains.Testing;

/// <summary>The deterministic answer of the fake and its split into streamed text deltas.</summary>
/// <param name="Text">The full answer; always equal to the concatenation of <paramref name="Deltas"/>.</param>
/// <param name="Deltas">The pieces sent as <c>text_delta</c> events, in order.</param>
internal sealed partial record ReplyText(string Text, IReadOnlyList<string> Deltas)
{
    /// <summary>
    /// Builds <c>"{lastUserText} | {n} messages"</c>, so tests can read both the prompt and the history length
    /// off the answer, split into <paramref name="deltaCount"/> deltas or one per word.
    /// </summary>
    public static ReplyText For(RecordedRequest request, int? deltaCount)
    {
        var text = request.OutputJsonSchema is { } schema
            ? StructuredOutputReply.Build(schema, Echo(QuotedSession(request.LastUserText), request.MessageCount))
            : Echo(request.LastUserText, request.MessageCount);

        var words = Words(text);
        if (deltaCount is not { } wanted)
        {
            return new ReplyText(text, words);
        }

        wanted = Math.Max(1, wanted);
        if (words.Count < wanted)
        {
            // Padding becomes part of the answer so that the deltas still add up to the final text exactly.
            var padded = new List<string>(words);
            for (var i = 1; padded.Count < wanted; i++)
            {
                padded.Add(string.Create(CultureInfo.InvariantCulture, $" tok{i}"));
            }

            return new ReplyText(string.Concat(padded), padded);
        }

        return new ReplyText(text, Group(words, wanted));
    }

    private static string Echo(string prompt, int messageCount) =>
        string.Create(CultureInfo.InvariantCulture, $"{prompt} | {messageCount} messages");

    /// <summary>
    /// The CLI's title request wraps the user's prompt as <c>&lt;session&gt;…&lt;/session&gt;</c> plus instructions;
    /// echoing just the prompt gives sessions a predictable title.
    /// </summary>
    private static string QuotedSession(string prompt)
    {
        var match = SessionPattern().Match(prompt);
        return match.Success ? match.Groups[1].Value.Trim() : prompt;
    }

    /// <summary>Splits into words that keep their leading whitespace; trailing whitespace stays on the last word.</summary>
    private static List<string> Words(string text)
    {
        var words = WordPattern().Matches(text).Select(m => m.Value).ToList();
        if (words.Count == 0)
        {
            return [text];
        }

        var covered = words.Sum(w => w.Length);
        if (covered < text.Length)
        {
            words[^1] += text[covered..];
        }

        return words;
    }

    /// <summary>Merges consecutive words into exactly <paramref name="count"/> pieces of near-equal word counts.</summary>
    private static List<string> Group(List<string> words, int count)
    {
        var pieces = new List<string>(count);
        var start = 0;
        for (var i = 0; i < count; i++)
        {
            var end = (int)((long)words.Count * (i + 1) / count);
            pieces.Add(string.Concat(words.Skip(start).Take(end - start)));
            start = end;
        }

        return pieces;
    }

    [GeneratedRegex(@"<session>(.*?)</session>", RegexOptions.Singleline)]
    private static partial Regex SessionPattern();

    [GeneratedRegex(@"\s*\S+")]
    private static partial Regex WordPattern();
}
