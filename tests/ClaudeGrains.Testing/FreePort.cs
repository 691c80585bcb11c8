using System.Net;
using System.Net.Sockets;

namespace ClaudeGrains.Testing;

/// <summary>A loopback TCP port nobody listens on right now.</summary>
public static class FreePort
{
    /// <summary>Asks the OS for a free loopback port and releases it at once; a race with another process is possible but rare.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
