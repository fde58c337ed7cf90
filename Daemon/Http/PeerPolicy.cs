namespace IncusOs.Daemon.Http;

/// <summary>
/// Who may use the socket: root, the daemon's own user, and the members (by primary group) of the
/// group named with <c>--socket-group</c>. Everyone else is answered 403.
/// </summary>
public sealed class PeerPolicy
{
    private readonly uint _ownUid;
    private readonly uint? _allowedGid;

    public PeerPolicy(uint ownUid, uint? allowedGid)
    {
        _ownUid = ownUid;
        _allowedGid = allowedGid;
    }

    public bool Allows(PeerCredentials peer) =>
        peer.Uid == 0 || peer.Uid == _ownUid || (_allowedGid is { } gid && peer.Gid == gid);
}
