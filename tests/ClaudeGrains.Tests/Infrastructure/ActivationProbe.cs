namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>
/// Whether a grain has an activation anywhere in the cluster. A deactivation raises nothing a client could await,
/// so waiting for one polls the management grain.
/// </summary>
public static class ActivationProbe
{
    public static async Task<bool> IsActiveAsync(IClusterClient client, IAddressable grain)
    {
        var id = grain.GetGrainId();
        var active = await client.GetGrain<IManagementGrain>(0).GetActiveGrains(id.Type);
        return active.Contains(id);
    }

    public static async Task WaitUntilInactiveAsync(IClusterClient client, IAddressable grain, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (await IsActiveAsync(client, grain))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
        }
    }
}
