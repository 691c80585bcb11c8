using ClaudeGrains.Cli.Protocol;
using ClaudeGrains.Cli.Transport;

namespace ClaudeGrains.Grains.Sessions;

/// <summary>Reads one turn of a CLI process, from the prompt to its <c>result</c> line.</summary>
internal static class TurnReader
{
    /// <summary>
    /// Hands every message to <paramref name="onMessage"/> until the result, which is returned. The handler is
    /// synchronous so that a burst of lines is handled in one go.
    /// </summary>
    /// <exception cref="ClaudeSessionException">The process exited or wrote an oversized line.</exception>
    /// <exception cref="CliInactivityException">Nothing arrived for <paramref name="inactivityTimeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired.</exception>
    public static async Task<ResultMessage> ReadAsync(
        ClaudeCliProcess process,
        string sessionName,
        Action<CliMessage> onMessage,
        TimeSpan? inactivityTimeout,
        CancellationToken cancellationToken)
    {
        var messages = process.Messages;
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        while (true)
        {
            if (inactivityTimeout is { } limit)
            {
                silence.CancelAfter(limit);
            }

            try
            {
                if (!await messages.WaitToReadAsync(silence.Token))
                {
                    var exit = await process.Exited;
                    throw new ClaudeSessionException(ClaudeErrorCode.CliExited, $"Session '{sessionName}': {exit.Describe()}") { SessionName = sessionName };
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new CliInactivityException(inactivityTimeout!.Value);
            }
            catch (CliOutputTooLargeException ex)
            {
                throw new ClaudeSessionException(ClaudeErrorCode.OutputTooLarge, $"Session '{sessionName}': {ex.Message}") { SessionName = sessionName };
            }

            while (messages.TryRead(out var message))
            {
                onMessage(message);
                if (message is ResultMessage result)
                {
                    return result;
                }
            }
        }
    }

    /// <summary>
    /// Reads on until the result of an interrupted turn, discarding it, so the next query starts in step.
    /// Returns false if none came within <paramref name="grace"/> or the process ended.
    /// </summary>
    public static async Task<bool> DrainAsync(ClaudeCliProcess process, TimeSpan grace)
    {
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            var messages = process.Messages;
            while (await messages.WaitToReadAsync(timeout.Token))
            {
                while (messages.TryRead(out var message))
                {
                    if (message is ResultMessage)
                    {
                        return true;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or CliOutputTooLargeException)
        {
        }

        return false;
    }
}
