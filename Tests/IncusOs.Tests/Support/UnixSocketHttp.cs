using System.Net.Sockets;

namespace IncusOs.Tests.Support;

/// <summary>An HttpClient that talks to the daemon over its unix socket, as <c>curl --unix-socket</c> does.</summary>
public static class UnixSocketHttp
{
    public static HttpClient CreateClient(string socketPath, TimeSpan? timeout = null)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };

        return new HttpClient(handler)
        {
            BaseAddress = new Uri("http://incus-os"),
            Timeout = timeout ?? TimeSpan.FromSeconds(60),
        };
    }
}
