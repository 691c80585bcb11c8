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
            owner._entries.Enqueue(new Entry($"{logLevel} {category}: {formatter(state, exception)} {exception}", scope));
        }
    }
}
