using System.Text.Json.Serialization;
using ClaudeGrains.Grains.Hosting;
using ClaudeGrains.Grains.Telemetry;
using ClaudeGrains.Web.Api;
using ClaudeGrains.Web.Health;
using ClaudeGrains.Web.Security;
using ClaudeGrains.Web.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Orleans.Dashboard;

namespace ClaudeGrains.Web.Hosting;

/// <summary>Hosts a ClaudeGrains silo inside an ASP.NET Core application, with its web front.</summary>
public static class ClaudeGrainsWebApplicationExtensions
{
    private const string ReadyTag = "ready";

    /// <summary>
    /// Adds the Orleans silo (clustering, session grains, storage, streams, dashboard) and the web front's services,
    /// all configured from <c>builder.Configuration</c>. Listens on <see cref="ClaudeGrainsWebOptions.DefaultUrl"/>
    /// unless <c>urls</c> say otherwise.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The web front would listen beyond loopback without <c>ClaudeGrains:Web:AdminToken</c>.
    /// </exception>
    public static WebApplicationBuilder AddClaudeGrainsSilo(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var web = configuration.GetSection(ClaudeGrainsWebOptions.SectionName).Get<ClaudeGrainsWebOptions>() ?? new ClaudeGrainsWebOptions();
        var addresses = ListenAddresses.Configured(configuration);
        if (addresses.Count == 0)
        {
            builder.WebHost.UseUrls(ClaudeGrainsWebOptions.DefaultUrl);
        }
        else if (ListenAddresses.NonLoopback(addresses) is { Count: > 0 } exposed && string.IsNullOrEmpty(web.AdminToken))
        {
            throw new InvalidOperationException(
                $"The web front would listen on {string.Join(", ", exposed)}, beyond this machine, without an admin token. " +
                "Set ClaudeGrains:Web:AdminToken (e.g. the environment variable ClaudeGrains__Web__AdminToken), or listen on 127.0.0.1 only.");
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = web.MaxRequestBodyBytes);
        builder.UseOrleans(silo =>
        {
            silo.UseClaudeGrainsClustering(configuration).AddClaudeGrains(configuration);
            if (web.Dashboard)
            {
                silo.AddDashboard();
            }
        });

        var services = builder.Services;
        services.AddOptions<ClaudeGrainsWebOptions>().Bind(configuration.GetSection(ClaudeGrainsWebOptions.SectionName))
            // Zero would send keep-alives without pause, a negative interval fail every stream once it has begun.
            .Validate(o => o.EventStreamKeepAlive > TimeSpan.Zero && o.EventStreamKeepAlive <= SessionOptions.MaxTimeout,
                $"ClaudeGrains:Web:EventStreamKeepAlive must be greater than zero and at most {SessionOptions.MaxTimeout}.")
            .Validate(o => o.CliCheckCacheDuration >= TimeSpan.Zero && o.CliCheckCacheDuration <= SessionOptions.MaxTimeout,
                $"ClaudeGrains:Web:CliCheckCacheDuration must be zero (check every probe) or more and at most {SessionOptions.MaxTimeout}.")
            .Validate(o => o.MaxRequestBodyBytes > 0, "ClaudeGrains:Web:MaxRequestBodyBytes must be at least 1.")
            .Validate(o => o.EventStreamMaxPendingEvents >= ClaudeGrainsWebOptions.MinEventStreamPendingEvents,
                $"ClaudeGrains:Web:EventStreamMaxPendingEvents must be at least {ClaudeGrainsWebOptions.MinEventStreamPendingEvents}: one stream batch can bring a few hundred events at once.")
            .ValidateOnStart();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        // Malformed bodies reach the exception handler, so they get problem+json with the parser's reason.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            if (context.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge)
            {
                context.ProblemDetails.Detail ??= $"The request body is larger than {web.MaxRequestBodyBytes} bytes (ClaudeGrains:Web:MaxRequestBodyBytes).";
            }
        });
        services.AddExceptionHandler<ClaudeProblemExceptionHandler>();
        services.AddOpenApi();
        services.AddAuthentication(AdminTokenDefaults.Scheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, AdminTokenAuthenticationHandler>(AdminTokenDefaults.Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminTokenDefaults.Policy, policy => policy.AddAuthenticationSchemes(AdminTokenDefaults.Scheme).RequireAuthenticatedUser());
        // A singleton, so the CLI check's cached success outlives one probe (AddCheck<T> would build one per run).
        services.AddSingleton<CliHealthCheck>();
        services.AddHealthChecks()
            .AddCheck<CliHealthCheck>("cli", tags: [ReadyTag])
            .AddCheck<SiloHealthCheck>("silo", tags: [ReadyTag])
            .AddCheck<StorageHealthCheck>("storage", tags: [ReadyTag]);
        services.AddSingleton<EventStreamMetrics>();
        AddMetrics(services, web);
        return builder;
    }

    /// <summary>
    /// Maps the web front: the UI at <c>/</c>, the API under <c>/api</c>, <c>/openapi/v1.json</c>,
    /// <c>/health/live</c>, <c>/health/ready</c>, <c>/metrics</c> and <c>/dashboard</c>.
    /// </summary>
    public static WebApplication MapClaudeGrains(this WebApplication app)
    {
        var web = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ClaudeGrainsWebOptions>>().Value;
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (string.IsNullOrEmpty(web.AdminToken))
        {
            app.UseMiddleware<LoopbackRequestGuard>();
        }

        var ui = new ManifestEmbeddedFileProvider(typeof(ClaudeGrainsWebApplicationExtensions).Assembly, "wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = ui });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = ui,
            // Revalidate on every load, so a browser never runs an old app.js against an upgraded silo.
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });
        app.UseAuthentication();
        app.UseAuthorization();

        var sessions = app.MapGroup("/api/sessions").RequireAuthorization(AdminTokenDefaults.Policy).WithTags("Sessions");
        SessionEndpoints.Map(sessions);
        QueryEndpoints.Map(sessions);

        app.MapOpenApi();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponseWriter.WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = HealthResponseWriter.WriteAsync });
        if (web.PrometheusEndpoint)
        {
            app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(AdminTokenDefaults.Policy);
        }

        if (web.Dashboard)
        {
            app.MapOrleansDashboard(routePrefix: "/dashboard").RequireAuthorization(AdminTokenDefaults.Policy);
        }

        return app;
    }

    private static void AddMetrics(IServiceCollection services, ClaudeGrainsWebOptions web)
    {
        services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("claudegrains-silo")).WithMetrics(metrics =>
        {
            metrics.AddMeter(ClaudeGrainsMetrics.MeterName, "Microsoft.Orleans");
            if (web.PrometheusEndpoint)
            {
                metrics.AddPrometheusExporter();
            }

            if (!string.IsNullOrEmpty(web.OtlpEndpoint))
            {
                metrics.AddOtlpExporter(otlp => otlp.Endpoint = new Uri(web.OtlpEndpoint));
            }
        });
    }
}
