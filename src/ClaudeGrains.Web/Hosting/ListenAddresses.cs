using System.Net;
using Microsoft.Extensions.Configuration;

namespace ClaudeGrains.Web.Hosting;

/// <summary>Reads where the web front is configured to listen, to decide whether it is reachable beyond this machine.</summary>
internal static class ListenAddresses
{
    /// <summary>Every address the configuration binds (<c>urls</c>, <c>http_ports</c>, <c>https_ports</c>, <c>Kestrel:Endpoints</c>).</summary>
    public static IReadOnlyList<string> Configured(IConfiguration configuration)
    {
        var addresses = new List<string>();
        addresses.AddRange(Split(configuration["urls"]));
        // Ports alone bind every interface.
        addresses.AddRange(Split(configuration["http_ports"]).Select(p => $"http://*:{p}"));
        addresses.AddRange(Split(configuration["https_ports"]).Select(p => $"https://*:{p}"));
        addresses.AddRange(configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(e => e["Url"]).OfType<string>());
        return addresses;
    }

    /// <summary>The addresses that are not loopback (<c>*</c>, <c>0.0.0.0</c>, a host name, a routable address).</summary>
    public static IReadOnlyList<string> NonLoopback(IEnumerable<string> addresses) =>
        addresses.Where(a => !IsLoopback(a)).ToArray();

    /// <summary>Whether <paramref name="host"/> (a name or an address, IPv6 in brackets or not) is this machine's loopback.</summary>
    public static bool IsLoopbackHost(string host)
    {
        host = host.Trim('[', ']');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    private static bool IsLoopback(string address) => IsLoopbackHost(HostOf(address));

    private static string HostOf(string address)
    {
        var rest = address.Contains("://", StringComparison.Ordinal) ? address[(address.IndexOf("://", StringComparison.Ordinal) + 3)..] : address;
        rest = rest.Split('/')[0];
        if (rest.StartsWith('['))
        {
            return rest[1..rest.IndexOf(']')];
        }

        var colon = rest.LastIndexOf(':');
        return colon >= 0 ? rest[..colon] : rest;
    }

    private static IEnumerable<string> Split(string? value) =>
        (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
