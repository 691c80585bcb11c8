namespace ClaudeGrains.ClientSample;

/// <summary>The sample's command line: <c>--session NAME [--gateway-port N] "prompt"</c>.</summary>
internal sealed record ClientArguments(string Session, string Prompt, int GatewayPort)
{
    public const string Usage = "usage: client-sample --session NAME [--gateway-port 30000] \"prompt\"";

    /// <summary>Parses the arguments, or returns the error to print.</summary>
    public static (ClientArguments? Arguments, string? Error) Parse(string[] args)
    {
        string? session = null;
        string? prompt = null;
        var port = 30000;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--session" when i + 1 < args.Length:
                    session = args[++i];
                    break;
                case "--gateway-port" when i + 1 < args.Length && int.TryParse(args[i + 1], out var p):
                    port = p;
                    i++;
                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    return (null, $"unknown or incomplete option '{option}'");
                default:
                    prompt = prompt is null ? args[i] : prompt + " " + args[i];
                    break;
            }
        }

        if (session is null || string.IsNullOrWhiteSpace(prompt))
        {
            return (null, "a --session and a prompt are required");
        }

        return SessionName.GetError(session) is { } nameError ? (null, nameError) : (new ClientArguments(session, prompt, port), null);
    }
}
