using System.Net;
using System.Net.Sockets;

namespace Jixiao.Web.Shared;

/// <summary>
/// Before the server starts: is an address it is told to listen on already taken by another program? The host would
/// otherwise log the bind failure with a stack trace before the one clear line of Program.cs; a user who starts a
/// second copy on a shared machine gets that line alone. Only the server's URLs are checked (a Kestrel:Endpoints
/// section is left to Kestrel); anything the check cannot decide is left to the server too.
/// </summary>
public static class ListenCheck
{
    /// <summary>The first of <paramref name="urls"/> (separated by ';') that another program listens on, or null.</summary>
    public static string? FirstTaken(string urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryEndpoints(url, out var endpoints))
            {
                continue;
            }

            foreach (var endpoint in endpoints)
            {
                if (Taken(endpoint))
                {
                    return url;
                }
            }
        }

        return null;
    }

    /// <summary>The addresses Kestrel binds for <paramref name="url"/>: loopback for localhost, any for a wildcard or name.</summary>
    private static bool TryEndpoints(string url, out List<IPEndPoint> endpoints)
    {
        endpoints = [];

        // Uri does not take the wildcards Kestrel accepts as a host
        var normalised = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalised, UriKind.Absolute, out var uri) || uri.Port is <= 0 or > 65535)
        {
            return false;
        }

        if (uri.IsLoopback && !IPAddress.TryParse(uri.Host.Trim('[', ']'), out _))
        {
            endpoints.Add(new IPEndPoint(IPAddress.Loopback, uri.Port));
            endpoints.Add(new IPEndPoint(IPAddress.IPv6Loopback, uri.Port));
        }
        else if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip))
        {
            endpoints.Add(new IPEndPoint(ip, uri.Port));
        }
        else
        {
            endpoints.Add(new IPEndPoint(IPAddress.Any, uri.Port));
        }

        return true;
    }

    /// <summary>True only when binding fails because the address is in use (as Kestrel binds: address reuse on).</summary>
    private static bool Taken(IPEndPoint endpoint)
    {
        try
        {
            using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            if (!OperatingSystem.IsWindows())
            {
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            }

            socket.Bind(endpoint);
            return false;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
        catch (SocketException)
        {
            return false; // e.g. no IPv6 here: Kestrel decides
        }
    }
}
