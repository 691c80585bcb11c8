using ClaudeGrains.Grains.Hosting;
using Microsoft.Extensions.Hosting;

// appsettings.json, environment variables and command-line overrides (e.g. --ClaudeGrains:Cli:Path=/usr/bin/claude).
// The content root is the build output, so silo/appsettings.json applies whatever the working directory.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.UseOrleans(silo => silo
    .UseClaudeGrainsClustering(builder.Configuration)
    .AddClaudeGrains(builder.Configuration));

await builder.Build().RunAsync();
