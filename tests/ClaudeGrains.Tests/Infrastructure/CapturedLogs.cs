using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>Keeps every log entry a host writes (with its scopes), so tests can check what it says and never says.</summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<Entry> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    /// <summary>One entry: its text (message and exception) and the key/value pairs of the scopes it was written in.</summary>
    public sealed record Entry(string Text, IReadOnlyDictionary<string, object?> Scope);

    public IReadOnlyCollection<Entry> Entries => _entries;

    public IEnumerable<string> Lines => _entries.Select(e => e.Text);

    /// <summary>How many entries have been written so far: pass it as a later wait's <c>skip</c> to wait for what follows.</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// Completes with the first line, after the first <paramref name="skip"/>, that satisfies <paramref name="match"/>,
    /// driven by the entries as they are written.
    /// </summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, int skip = 0)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(string line)
        {
            if (match(line))
            {
                found.TrySetResult(line);
            }
        }

        Written += Check;
        try
        {
            foreach (var line in Lines.Skip(skip))
            {
                Check(line);
            }

            return await found.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            Written -= Check;
        }
    }

    private event Action<string>? Written;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(string category, CapturedLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        // Debug too: prompts and answers are logged there, and the key must not be there either.
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new Dictionary<string, object?>();
            owner._scopes.ForEachScope((value, into) =>
            {
                if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var (key, item) in pairs)
                    {
                        into[key] = item;
                    }
                }
                else if (value is IEnumerable<KeyValuePair<string, object>> objects)
                {
                    foreach (var (key, item) in objects)
                    {
                        into[key] = item;
                    }
                }
            }, scope);
            var entry = new Entry($"{logLevel} {category}: {formatter(state, exception)} {exception}", scope);
            owner._entries.Enqueue(entry);
            owner.Written?.Invoke(entry.Text);
        }
    }
}
