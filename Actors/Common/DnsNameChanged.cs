namespace IncusOs.Actors.Common;

/// <summary>
/// Published on the event stream by the network actor whenever its configured DNS name is known or
/// changes (at start, after an apply, and in answer to <see cref="DnsNameRequested"/>). The system actor
/// follows it for the preferred hostname of <c>GET /1.0</c>.
/// </summary>
public sealed record DnsNameChanged(string Hostname, string Domain);

/// <summary>
/// Published by an actor that starts after the network actor may already have published its name;
/// the network actor answers by publishing <see cref="DnsNameChanged"/> again.
/// </summary>
public sealed record DnsNameRequested
{
    public static readonly DnsNameRequested Instance = new();
}
