using System.Buffers;
using System.IO.Pipelines;

namespace ClaudeGrains.Cli.Transport;

/// <summary>
/// Splits a byte stream into newline-terminated lines with no fixed small limit: a line may grow up to
/// <c>maxLineBytes</c>, beyond which <c>onOverflow</c> decides whether to skip the rest of it or stop.
/// </summary>
internal static class LineFramer
{
    public delegate ValueTask LineHandler(ReadOnlySequence<byte> line);

    /// <summary>Reads lines until end of stream or until <paramref name="onOverflow"/> returns <see langword="false"/>.</summary>
    /// <returns><see langword="true"/> at end of stream, <see langword="false"/> when stopped by an overflow.</returns>
    public static async Task<bool> ReadLinesAsync(Stream stream, long maxLineBytes, LineHandler onLine, Func<bool> onOverflow, CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        var skipping = false;
        long scanned = 0;
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = read.Buffer;
                while (TryTakeLine(ref buffer, ref scanned, out var line))
                {
                    if (skipping)
                    {
                        skipping = false;
                        continue;
                    }

                    if (line.Length > maxLineBytes)
                    {
                        if (!onOverflow())
                        {
                            return false;
                        }

                        continue;
                    }

                    await onLine(TrimCarriageReturn(line)).ConfigureAwait(false);
                }

                if (!skipping && buffer.Length > maxLineBytes)
                {
                    if (!onOverflow())
                    {
                        return false;
                    }

                    skipping = true;
                }

                // While skipping, the unterminated remainder is consumed so memory stays bounded.
                if (skipping)
                {
                    scanned = 0;
                }

                reader.AdvanceTo(skipping ? buffer.End : buffer.Start, buffer.End);
                if (read.IsCompleted)
                {
                    if (!skipping && buffer.Length > 0)
                    {
                        await onLine(TrimCarriageReturn(buffer)).ConfigureAwait(false);
                    }

                    return true;
                }
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    // `scanned` remembers how much of an unfinished line was already searched, so a long line arriving in
    // many chunks is scanned once rather than once per chunk.
    private static bool TryTakeLine(ref ReadOnlySequence<byte> buffer, ref long scanned, out ReadOnlySequence<byte> line)
    {
        var newline = buffer.Slice(Math.Min(scanned, buffer.Length)).PositionOf((byte)'\n');
        if (newline is null)
        {
            scanned = buffer.Length;
            line = default;
            return false;
        }

        scanned = 0;
        line = buffer.Slice(0, newline.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
        return true;
    }

    private static ReadOnlySequence<byte> TrimCarriageReturn(ReadOnlySequence<byte> line) =>
        line.Length > 0 && line.Slice(line.Length - 1).FirstSpan[0] == (byte)'\r' ? line.Slice(0, line.Length - 1) : line;
}
