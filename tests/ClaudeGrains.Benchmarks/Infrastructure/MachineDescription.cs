using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ClaudeGrains.Benchmarks.Infrastructure;

/// <summary>Where and on what a run was measured, for the report's heading.</summary>
internal sealed record MachineDescription(DateTimeOffset Date, int Cores, double MemoryGiB, string Os, string Runtime, string Commit, string CliVersion, string LoadAverage)
{
    /// <summary>The 1-minute load average now: other work on the machine is the main source of noise.</summary>
    public static string CurrentLoad() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    public static async Task<MachineDescription> DescribeAsync(string repositoryRoot, string cliPath, string loadAtStart) => new(
        DateTimeOffset.Now,
        Environment.ProcessorCount,
        Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024.0), 1),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        await OutputOfAsync("git", repositoryRoot, "rev-parse", "--short", "HEAD"),
        await OutputOfAsync(cliPath, repositoryRoot, "--version"),
        $"{loadAtStart} at start, {CurrentLoad()} at end");

    public override string ToString() => $"{Cores} cores, {MemoryGiB:0.#} GiB, {Os}, {Runtime}";

    private static async Task<string> OutputOfAsync(string program, string workingDirectory, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return output.Trim();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return "unknown";
        }
    }
}
