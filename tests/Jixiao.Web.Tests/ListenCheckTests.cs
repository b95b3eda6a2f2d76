using System.Net;
using System.Net.Sockets;
using Jixiao.Web.Shared;

namespace Jixiao.Web.Tests;

/// <summary>A second copy of the application on a taken port gets one clear line, before the host logs a stack trace.</summary>
public sealed class ListenCheckTests
{
    [Fact]
    public void A_port_another_program_listens_on_is_found()
    {
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var port = ((IPEndPoint)other.LocalEndpoint).Port;

        Assert.Equal($"http://127.0.0.1:{port}", ListenCheck.FirstTaken($"http://127.0.0.1:{port}"));
        Assert.Equal($"http://localhost:{port}", ListenCheck.FirstTaken($"http://localhost:{port}"));
        Assert.Equal($"http://*:{port}", ListenCheck.FirstTaken($"https://127.0.0.2:{Free()};http://*:{port}"));
    }

    [Fact]
    public void A_free_port_and_what_cannot_be_read_are_left_to_the_server()
    {
        Assert.Null(ListenCheck.FirstTaken($"http://127.0.0.1:{Free()}"));
        Assert.Null(ListenCheck.FirstTaken("not a url;http://localhost:99999"));
        Assert.Null(ListenCheck.FirstTaken(""));
    }

    private static int Free()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
