using ClaudeGrains.Cli.Protocol;
using ClaudeGrains.Cli.Transport;

namespace ClaudeGrains.Grains.Sessions;

/// <summary>Reads one turn of a CLI process, from the prompt to its <c>result</c> line.</summary>
internal static class TurnReader
{
    /// <summary>
    /// Hands every message to <paramref name="onMessage"/> until the result, which is returned. The handler is
    /// synchronous so that a burst of lines is handled in one go. A turn the CLI started by itself when a background
    /// task ended (announced by a <c>task_notification</c>, often while the session was idle) is no part of the
    /// prompt's: only its result is handed on, and it does not end the prompt's turn, which, taken for it, would shift
    /// every later answer onto the query after.
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
        var selfStarted = false; // inside a turn the CLI started by itself: none of it is the prompt's
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
                switch (message)
                {
                    case SystemMessage { IsTaskNotification: true }:
                        selfStarted = true;
                        continue;
                    case ResultMessage { IsSelfStarted: true }:
                        selfStarted = false;
                        onMessage(message);
                        continue;
                    case ResultMessage result:
                        onMessage(result);
                        return result;
                    default:
                        if (!selfStarted)
                        {
                            onMessage(message);
                        }

                        continue;
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
                    if (message is ResultMessage { IsSelfStarted: false })
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
