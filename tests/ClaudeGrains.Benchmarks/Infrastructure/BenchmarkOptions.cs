using System.Globalization;

namespace ClaudeGrains.Benchmarks.Infrastructure;

/// <summary>The command line: which suites to run and how many samples each takes.</summary>
internal sealed class BenchmarkOptions
{
    public const string Usage = """
        dotnet run -c Release --project tests/ClaudeGrains.Benchmarks -- [suite ...] [options]
          suites: warm streaming cold resume memory throughput orchestration (none given: all, in this order)
          --quick                  small counts: a smoke run of every suite in about two minutes
          --turns N                warm, streaming: measured turns per side (default 150; quick 10)
          --warmup-turns N         warm, streaming: discarded turns per side first (default 400; quick 5)
          --iterations N           cold, resume: measured starts per side (default 20; quick 3)
          --deltas N               text deltas per answer of the fake Anthropic API (default 200)
          --hibernated N[,N...]    memory: hibernated sessions per measurement (default 10000,100000; quick 2000)
          --live N                 memory: live sessions (default 10; quick 2)
          --sessions N[,N...]      throughput: concurrent sessions (default 1,8,32; quick 1,8)
          --throughput-turns N     throughput: turns per session per round (default 10; quick 3)
          --rounds N               throughput, orchestration: interleaved rounds per level (throughput default: an
                                   even number from 6 to 20, about 1,600 turns per side; orchestration 3; quick 1)
          --responders N           orchestration: sessions (default 1000; quick 200)
          --queries N              orchestration: queries per session (default 20; quick 5)
        """;

    private readonly Dictionary<string, string> _values;

    private BenchmarkOptions(IReadOnlyList<string> suites, bool quick, Dictionary<string, string> values)
    {
        Suites = suites;
        Quick = quick;
        _values = values;
    }

    public static IReadOnlyList<string> KnownSuites { get; } = ["warm", "streaming", "cold", "resume", "memory", "throughput", "orchestration"];

    public IReadOnlyList<string> Suites { get; }

    public bool Quick { get; }

    public int Turns => Int("--turns", 150, 10);

    /// <summary>
    /// Turns discarded before a warm measurement. A fresh silo's JIT compiles its hot paths over the first few
    /// hundred turns (three tiers, with dynamic PGO) and the CPU that takes slows the CLI beside it: with 20 warm-up
    /// turns the warm ratio read 1.07-1.22 x raw, with 400 it read 1.02-1.08 on the same machine.
    /// </summary>
    public int WarmupTurns => Int("--warmup-turns", 400, 5);

    public int Iterations => Int("--iterations", 20, 3);

    public int Deltas => Int("--deltas", 200, 200);

    public IReadOnlyList<int> Hibernated => Ints("--hibernated", [10_000, 100_000], [2_000]);

    public int Live => Int("--live", 10, 2);

    public IReadOnlyList<int> Sessions => Ints("--sessions", [1, 8, 32], [1, 8]);

    public int ThroughputTurns => Int("--throughput-turns", 10, 3);

    /// <summary>
    /// Rounds per side at a throughput level of <paramref name="sessions"/> sessions. A round ends with its slowest
    /// session, so one round's turns/s swings widely (paired rounds at 8 sessions read 0.79 to 1.14 x raw on this
    /// machine, at 32 sessions 0.90 to 1.04 x): the default runs about the same number of turns at every level, which
    /// evens out the precision of the levels, and an even number of rounds, so each side goes first equally often.
    /// </summary>
    public int ThroughputRounds(int sessions)
    {
        const int turnsPerSide = 1_600;
        var rounds = Math.Clamp(turnsPerSide / (sessions * ThroughputTurns), 6, 20);
        return Int("--rounds", rounds + rounds % 2, 1);
    }

    public int OrchestrationRounds => Int("--rounds", 3, 1);

    public int Responders => Int("--responders", 1_000, 200);

    public int Queries => Int("--queries", 20, 5);

    /// <summary>Parses the command line; null with a message on stderr when it is wrong or help was asked for.</summary>
    public static BenchmarkOptions? Parse(string[] args)
    {
        var suites = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var quick = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                Console.Error.WriteLine(Usage);
                return null;
            }

            if (arg == "--quick")
            {
                quick = true;
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length && Usage.Contains(arg + " ", StringComparison.Ordinal))
            {
                values[arg] = args[++i];
            }
            else if (KnownSuites.Contains(arg))
            {
                suites.Add(arg);
            }
            else
            {
                Console.Error.WriteLine($"Unknown argument '{arg}'.{Environment.NewLine}{Usage}");
                return null;
            }
        }

        return new BenchmarkOptions(suites.Count == 0 ? KnownSuites : suites, quick, values);
    }

    private int Int(string name, int full, int quick) =>
        _values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : Quick ? quick : full;

    private IReadOnlyList<int> Ints(string name, int[] full, int[] quick) =>
        _values.TryGetValue(name, out var text)
            ? text.Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray()
            : Quick ? quick : full;
}
