using System.Text;
using ClaudeGrains.Cli.Transport;

namespace ClaudeGrains.Cli.Tests;

public sealed class LineFramerTests
{
    [Fact]
    public async Task Splits_lines_and_keeps_a_final_unterminated_one()
    {
        var lines = await ReadAsync("a\r\nbb\n\nccc", maxLineBytes: 100);

        Assert.Equal(["a", "bb", "", "ccc"], lines.Lines);
        Assert.True(lines.Completed);
    }

    [Fact]
    public async Task A_ten_mebibyte_line_arrives_whole()
    {
        var big = new string('y', 10 * 1024 * 1024);

        var lines = await ReadAsync($"small\n{big}\nafter\n", maxLineBytes: 64 * 1024 * 1024);

        Assert.Equal(3, lines.Lines.Count);
        Assert.Equal(big.Length, lines.Lines[1].Length);
        Assert.Equal("after", lines.Lines[2]);
    }

    [Fact]
    public async Task A_line_over_the_maximum_stops_the_reader_when_asked()
    {
        var lines = await ReadAsync($"ok\n{new string('z', 5000)}\nnever\n", maxLineBytes: 1000, skipOverflow: false);

        Assert.Equal(["ok"], lines.Lines);
        Assert.False(lines.Completed);
        Assert.Equal(1, lines.Overflows);
    }

    [Fact]
    public async Task A_line_over_the_maximum_is_skipped_when_asked()
    {
        var lines = await ReadAsync($"ok\n{new string('z', 300_000)}\nstill here\n", maxLineBytes: 1000, skipOverflow: true);

        Assert.Equal(["ok", "still here"], lines.Lines);
        Assert.True(lines.Completed);
        Assert.Equal(1, lines.Overflows);
    }

    private static async Task<(List<string> Lines, bool Completed, int Overflows)> ReadAsync(string text, long maxLineBytes, bool skipOverflow = false)
    {
        var lines = new List<string>();
        var overflows = 0;
        // A small-chunk stream makes long lines arrive in many reads, as a pipe does.
        using var stream = new ChunkedStream(Encoding.UTF8.GetBytes(text), chunk: 4096);
        var completed = await LineFramer.ReadLinesAsync(stream, maxLineBytes, line =>
        {
            lines.Add(Encoding.UTF8.GetString(line));
            return ValueTask.CompletedTask;
        }, () =>
        {
            overflows++;
            return skipOverflow;
        }, CancellationToken.None);
        return (lines, completed, overflows);
    }

    private sealed class ChunkedStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }
}
