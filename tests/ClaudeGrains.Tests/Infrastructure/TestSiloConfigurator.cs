using ClaudeGrains.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;

namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>Adds ClaudeGrains to each test silo exactly as a host would, and a log capture where a fixture asks for one.</summary>
public sealed class TestSiloConfigurator : ISiloConfigurator
{
    /// <summary>The setting (true/false) that makes a silo keep its log in a <see cref="CapturedLogs"/> service.</summary>
    public const string CaptureLogs = "Tests:CaptureLogs";

    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.AddClaudeGrains(siloBuilder.Configuration);
        if (siloBuilder.Configuration.GetValue<bool>(CaptureLogs))
        {
            siloBuilder.Services.AddSingleton<CapturedLogs>();
            // Debug for ClaudeGrains only: the frameworks' Debug chatter (a stream poll every millisecond) would fill memory.
            siloBuilder.Services.AddLogging(logging => logging
                .AddFilter<CapturedLogs>((category, level) => level >= LogLevel.Information || category?.StartsWith("ClaudeGrains", StringComparison.Ordinal) == true)
                .Services.AddSingleton<ILoggerProvider>(services => services.GetRequiredService<CapturedLogs>()));
        }
    }
}
