using ClaudeGrains.Web.Hosting;
using Microsoft.AspNetCore.Builder;

// appsettings.json, environment variables and command-line overrides (e.g. --ClaudeGrains:Cli:Path=/usr/bin/claude,
// --urls=http://127.0.0.1:8080). The content root is the build output, so silo/appsettings.json applies whatever the
// working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddClaudeGrainsSilo();

var app = builder.Build();
app.MapClaudeGrains();
await app.RunAsync();
