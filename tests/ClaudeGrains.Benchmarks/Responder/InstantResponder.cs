using System.Diagnostics;

namespace ClaudeGrains.Benchmarks.Responder;

/// <summary>Builds <c>instant-responder.c</c> with the machine's C compiler (once; again only when the source changes).</summary>
internal static class InstantResponder
{
    public static async Task<string> BuildAsync()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Responder", "instant-responder.c");
        var binary = Path.Combine(AppContext.BaseDirectory, "Responder", "instant-responder");
        if (File.Exists(binary) && File.GetLastWriteTimeUtc(binary) >= File.GetLastWriteTimeUtc(source))
        {
            return binary;
        }

        var start = new ProcessStartInfo("cc", ["-O2", "-Wall", "-Werror", "-o", binary, source]) { RedirectStandardError = true };
        try
        {
            using var compiler = Process.Start(start)!;
            var errors = await compiler.StandardError.ReadToEndAsync();
            await compiler.WaitForExitAsync();
            if (compiler.ExitCode != 0)
            {
                throw new InvalidOperationException($"cc could not build the instant responder: {errors}");
            }
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("The orchestration suite builds its instant responder with a C compiler; none ('cc') was found (apt-get install gcc).", ex);
        }

        return binary;
    }
}
