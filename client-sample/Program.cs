using ClaudeGrains.ClientSample;

var (arguments, error) = ClientArguments.Parse(args);
if (arguments is null)
{
    await Console.Error.WriteLineAsync($"error: {error}\n{ClientArguments.Usage}");
    return 2;
}

return await SessionQuery.RunAsync(arguments);
