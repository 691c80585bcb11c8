using Xunit;

namespace ClaudeGrains.Testing.Tests;

/// <summary>How the echo is split into deltas; the concatenation must always equal the final text.</summary>
public sealed class ReplyTextTests
{
    /// <summary>Splits keep whitespace, pad with tok pieces when short, and merge words when long.</summary>
    [Theory]
    [InlineData("hi there", null, 5)]
    [InlineData("  spaced   out  ", null, 5)]
    [InlineData("hi", 1, 1)]
    [InlineData("hi", 10, 10)]
    [InlineData("one two three four five six", 3, 3)]
    public void Deltas_concatenate_to_text(string prompt, int? wanted, int expectedCount)
    {
        var request = new RecordedRequest
        {
            Path = "/v1/messages",
            Model = "m",
            SystemPrompt = "",
            Messages = [new RecordedMessage("user", prompt)],
            MessageCount = 1,
            LastUserText = prompt,
            HasApiKey = false,
            Stream = true,
            RawBody = "{}",
        };

        var reply = ReplyText.For(request, wanted);

        Assert.Equal(expectedCount, reply.Deltas.Count);
        Assert.Equal(reply.Text, string.Concat(reply.Deltas));
        Assert.StartsWith(prompt + " | 1 messages", reply.Text);
        Assert.All(reply.Deltas, d => Assert.NotEqual("", d));
    }
}
