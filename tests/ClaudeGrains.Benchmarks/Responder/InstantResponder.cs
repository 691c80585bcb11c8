using System.Diagnostics;

namespace ClaudeGrains.Benchmarks.Responder;

/// <summary>Builds <c>instant-responder.c</c> with the machine's C compiler (<c>cc</c> on the PATH).</summary>
internal static class InstantResponder
{
    /// <summary>
    /// Builds the responder into <paramref name="directory"/> and returns its path. Each run builds its own copy in its
    /// data root (a fraction of a second): a copy kept beside the benchmark could outlive a change of compiler or of
    /// the source's build flags, and the run's clean-up then removes it with everything else.
    /// </summary>
    public static async Task<string> BuildAsync(string directory)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Responder", "instant-responder.c");
        var binary = Path.Combine(Directory.CreateDirectory(directory).FullName, "instant-responder");
        var start = new ProcessStartInfo("cc", ["-O2", "-Wall", "-Werror", "-o", binary, source]) { RedirectStandardError = true };
        try
        {
            using var compiler = Process.Start(start)!;
            var errors = await compiler.StandardError.ReadToEndAsync();
            await compiler.WaitForExitAsync();
            if (compiler.ExitCode != 0)
            {
                throw new InvalidOperationException($"cc could not build the instant responder (exit {compiler.ExitCode}): {errors}");
            }
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("The orchestration suite builds its instant responder with a C compiler; none ('cc') was found (apt-get install gcc).", ex);
        }

        return binary;
    }
}
