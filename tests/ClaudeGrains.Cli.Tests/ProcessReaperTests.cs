using System.Diagnostics;
using System.Globalization;
using ClaudeGrains.Cli.Transport;

namespace ClaudeGrains.Cli.Tests;

public sealed class ProcessReaperTests
{
    [RootOnLinuxFact]
    public void A_tree_with_a_process_it_may_not_kill_is_killed_as_far_as_it_may_and_the_next_process_still_is()
    {
        // The CLI's Bash tool running sudo leaves a descendant a non-root silo may not signal. Here a root shell starts
        // one as nobody, and the reaper runs without CAP_KILL, as a non-root silo's would.
        using var tree = Start("sh", "-c", "setpriv --reuid=65534 --regid=65534 --clear-groups sh -c 'echo $$; exec sleep 600' & wait");
        using var next = Start("sleep", "600");
        var foreign = int.Parse(tree.StandardOutput.ReadLine()!, CultureInfo.InvariantCulture);
        try
        {
            var killed = ThreadCapabilities.WithoutKill(() => ProcessReaper.Kill([tree.Id, next.Id]));

            Assert.Equal(2, killed);
            Assert.True(tree.HasExited);
            Assert.True(next.HasExited);
            Assert.True(Directory.Exists($"/proc/{foreign}"), "nobody's process should have been out of reach");
        }
        finally
        {
            ProcessReaper.Kill([tree.Id, next.Id, foreign]);
        }
    }

    private static Process Start(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }
}
