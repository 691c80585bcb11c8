using ClaudeGrains.Grains.Hosting;
using Microsoft.Extensions.Hosting;

// appsettings.json, environment variables and command-line overrides (e.g. --ClaudeGrains:Cli:Path=/usr/bin/claude).
var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo => silo
    .UseLocalhostClustering()
    .AddClaudeGrains(builder.Configuration));

await builder.Build().RunAsync();
