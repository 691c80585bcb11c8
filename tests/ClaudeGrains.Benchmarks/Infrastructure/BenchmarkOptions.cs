using System.Globalization;

namespace ClaudeGrains.Benchmarks.Infrastructure;

/// <summary>The command line: which suites to run, how many samples each takes, and where the results go.</summary>
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
          --results DIR            where the markdown and JSON results go (default tests/ClaudeGrains.Benchmarks/results)
        exit codes: 0 done (whether targets were met or not), 1 a suite failed or the results folder cannot be created,
                   2 usage error, 130/143 interrupted
        """;

    /// <summary>The numeric options and the least value each accepts (every count must be at least one, except warm-ups).</summary>
    private static readonly Dictionary<string, int> Counts = new(StringComparer.Ordinal)
    {
        ["--turns"] = 1,
        ["--warmup-turns"] = 0,
        ["--iterations"] = 1,
        ["--deltas"] = 1,
        ["--hibernated"] = 1,
        ["--live"] = 1,
        ["--sessions"] = 1,
        ["--throughput-turns"] = 1,
        ["--rounds"] = 1,
        ["--responders"] = 1,
        ["--queries"] = 1,
    };

    private static readonly HashSet<string> Lists = new(StringComparer.Ordinal) { "--hibernated", "--sessions" };

    private const string ResultsOption = "--results";

    private readonly Dictionary<string, int[]> _values;

    private BenchmarkOptions(IReadOnlyList<string> suites, bool quick, Dictionary<string, int[]> values, string? resultsDirectory)
    {
        Suites = suites;
        Quick = quick;
        _values = values;
        ResultsDirectory = resultsDirectory;
    }

    public static IReadOnlyList<string> KnownSuites { get; } = ["warm", "streaming", "cold", "resume", "memory", "throughput", "orchestration"];

    public IReadOnlyList<string> Suites { get; }

    public bool Quick { get; }

    /// <summary>The absolute folder given with <c>--results</c>, or null for the repository's own results folder.</summary>
    public string? ResultsDirectory { get; }

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

    /// <summary>
    /// Parses the command line. Returns null when nothing is to be run: with the usage on stdout and exit code 0 when
    /// help was asked for, or with the problem and the usage on stderr and exit code 2 when the command line is wrong,
    /// so a mistyped count fails before anything starts rather than after minutes of other suites.
    /// </summary>
    public static BenchmarkOptions? Parse(string[] args, out int exitCode)
    {
        var suites = new List<string>();
        var values = new Dictionary<string, int[]>(StringComparer.Ordinal);
        string? resultsDirectory = null;
        var quick = false;
        exitCode = 2;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                Console.Out.WriteLine(Usage);
                exitCode = 0;
                return null;
            }

            if (arg == "--quick")
            {
                quick = true;
                continue;
            }

            if (KnownSuites.Contains(arg))
            {
                suites.Add(arg);
                continue;
            }

            if (arg != ResultsOption && !Counts.ContainsKey(arg))
            {
                return Fail($"Unknown argument '{arg}'.");
            }

            if (i + 1 == args.Length)
            {
                return Fail($"{arg} needs a value.");
            }

            var text = args[++i];
            if (arg == ResultsOption)
            {
                if (string.IsNullOrWhiteSpace(text) || text.Contains('\0', StringComparison.Ordinal))
                {
                    return Fail($"{arg} takes a folder, not '{text}'.");
                }

                resultsDirectory = Path.GetFullPath(text);
                continue;
            }

            var numbers = Lists.Contains(arg) ? text.Split(',') : [text];
            var parsed = new int[numbers.Length];
            for (var k = 0; k < numbers.Length; k++)
            {
                if (!int.TryParse(numbers[k], NumberStyles.None, CultureInfo.InvariantCulture, out parsed[k]) || parsed[k] < Counts[arg])
                {
                    return Fail($"{arg} takes {(Lists.Contains(arg) ? "whole numbers" : "a whole number")} of at least {Counts[arg]}{(Lists.Contains(arg) ? ", separated by commas" : "")}, not '{text}'.");
                }
            }

            values[arg] = parsed;
        }

        exitCode = 0;
        return new BenchmarkOptions(suites.Count == 0 ? KnownSuites : suites, quick, values, resultsDirectory);
    }

    private static BenchmarkOptions? Fail(string problem)
    {
        Console.Error.WriteLine($"{problem}{Environment.NewLine}{Usage}");
        return null;
    }

    private int Int(string name, int full, int quick) => _values.TryGetValue(name, out var value) ? value[0] : Quick ? quick : full;

    private IReadOnlyList<int> Ints(string name, int[] full, int[] quick) => _values.TryGetValue(name, out var value) ? value : Quick ? quick : full;
}
