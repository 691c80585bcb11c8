using ClaudeGrains.Admin;

return await AdminApp.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
