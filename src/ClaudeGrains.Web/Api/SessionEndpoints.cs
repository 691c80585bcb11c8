using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ClaudeGrains.Web.Api;

/// <summary>The session-management endpoints: list, count, status, start, terminate, restart, interrupt.</summary>
internal static class SessionEndpoints
{
    public static void Map(RouteGroupBuilder sessions)
    {
        sessions.MapGet("/", ListAsync)
            .WithName("ListSessions").WithSummary("One page of sessions on every silo, filtered by name prefix and state.");
        sessions.MapGet("/count", (IGrainFactory grains) => Manager(grains).CountSessionsAsync())
            .WithName("CountSessions").WithSummary("How many sessions there are, and in which states.");
        sessions.MapGet("/{name}", GetAsync)
            .WithName("GetSession").WithSummary("A registered session's live status.");
        sessions.MapPost("/", StartAsync)
            .WithName("StartSession").WithSummary("Registers a session with its options (409 if it exists with other options, unless replace).");
        sessions.MapDelete("/{name}", async Task<Results<NoContent, NotFound>> (string name, IGrainFactory grains) =>
                await Manager(grains).TerminateSessionAsync(Validated(name)) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("TerminateSession").WithSummary("Stops the session's process, clears its state and unregisters it.");
        sessions.MapPost("/{name}/restart", async Task<Results<NoContent, NotFound>> (string name, IGrainFactory grains) =>
                await Manager(grains).RestartSessionAsync(Validated(name)) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("RestartSession").WithSummary("Gives the session a fresh process and a fresh conversation.");
        sessions.MapPost("/{name}/interrupt", InterruptAsync)
            .WithName("InterruptSession").WithSummary("Interrupts the query the session is running, if any.");
    }

    private static Task<SessionPage> ListAsync(IGrainFactory grains, string? prefix, SessionState? state, int? page, int? pageSize) =>
        Manager(grains).ListSessionsAsync(new SessionFilter
        {
            Prefix = prefix,
            State = state,
            Page = page ?? 0,
            PageSize = pageSize ?? new SessionFilter().PageSize,
        });

    private static async Task<Results<Ok<SessionStatus>, NotFound>> GetAsync(string name, IGrainFactory grains)
    {
        // Asking an unregistered session would activate, and so register, it: a read must not create anything.
        name = Validated(name);
        if (!await Manager(grains).IsRegisteredAsync(name))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await grains.GetGrain<IClaudeSessionGrain>(name).GetStatusAsync());
    }

    private static async Task<Created<SessionInfo>> StartAsync(StartSessionRequest request, IGrainFactory grains)
    {
        SessionName.Validate(request.Name);
        var info = await Manager(grains).StartSessionAsync(request.Name, request.Options, request.Replace, request.Warm);
        return TypedResults.Created($"/api/sessions/{Uri.EscapeDataString(info.Name)}", info);
    }

    private static async Task<Results<NoContent, NotFound>> InterruptAsync(string name, IGrainFactory grains)
    {
        name = Validated(name);
        if (!await Manager(grains).IsRegisteredAsync(name))
        {
            return TypedResults.NotFound();
        }

        await grains.GetGrain<IClaudeSessionGrain>(name).InterruptAsync();
        return TypedResults.NoContent();
    }

    /// <summary>The session manager grain.</summary>
    public static IClaudeSessionManagerGrain Manager(IGrainFactory grains) =>
        grains.GetGrain<IClaudeSessionManagerGrain>(ClaudeSessionManager.Key);

    /// <summary>
    /// Returns the session name a route value stands for: the server decodes every escape of the path but <c>%2F</c>,
    /// which it leaves as is so that a segment never splits, so <c>user%2F42</c> reaches the session <c>user/42</c>.
    /// Only that escape is decoded here: decoding the value again would make <c>a%2541</c> (the name <c>a%41</c>)
    /// reach the session <c>aA</c>.
    /// </summary>
    /// <exception cref="ArgumentException">It is not a valid session name (answered with 400).</exception>
    public static string Validated(string routeValue)
    {
        var name = routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        SessionName.Validate(name);
        return name;
    }
}
