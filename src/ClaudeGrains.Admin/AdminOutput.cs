using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace ClaudeGrains.Admin;

/// <summary>Writes results as readable tables (Spectre.Console) or as stable JSON for scripts.</summary>
public sealed class AdminOutput(TextWriter stdout, TextWriter stderr)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Standard output.</summary>
    public TextWriter Out => stdout;

    /// <summary>Standard error.</summary>
    public TextWriter Error => stderr;

    /// <summary>A Spectre console over <see cref="Out"/>: no colours or cursor tricks, wide enough for the tables.</summary>
    public IAnsiConsole Console { get; } = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(stdout),
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
    }).Also(c => c.Profile.Width = 160);

    /// <summary>Writes <paramref name="value"/> as indented camelCase JSON with enum names.</summary>
    public void WriteJson<T>(T value) => stdout.WriteLine(JsonSerializer.Serialize(value, Json));

    /// <summary>Renders a table with <paramref name="columns"/> and one row per item.</summary>
    public void WriteTable<T>(IEnumerable<T> items, params (string Header, Func<T, string?> Cell)[] columns)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var (header, _) in columns)
        {
            table.AddColumn(new TableColumn(header).NoWrap());
        }

        foreach (var item in items)
        {
            table.AddRow(columns.Select(c => new Text(c.Cell(item) ?? "")).ToArray<Spectre.Console.Rendering.IRenderable>());
        }

        Console.Write(table);
    }
}
