using System.Text;

namespace ClaudeGrains.Cli.Transport;

/// <summary>Keeps the last few kilobytes of a process's stderr so error messages can quote it.</summary>
internal sealed class StderrTail(int maxChars)
{
    private readonly StringBuilder _text = new();
    private readonly Lock _lock = new();

    public void Append(string line)
    {
        lock (_lock)
        {
            _text.Append(line).Append('\n');
            if (_text.Length > maxChars)
            {
                _text.Remove(0, _text.Length - maxChars);
            }
        }
    }

    public override string ToString()
    {
        lock (_lock)
        {
            return _text.ToString();
        }
    }
}
