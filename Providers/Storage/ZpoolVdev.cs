namespace IncusOs.Providers.Storage;

/// <summary>
/// One vdev of a pool as <c>zpool status -j</c> reports it: its displayed name (a by-id leaf name
/// for disks, <c>mirror-0</c> or <c>raidz1-0</c> for groups), its raw type, its state
/// (<c>ONLINE</c>, <c>DEGRADED</c>, <c>OFFLINE</c>, <c>FAULTED</c>...) and its children.
/// </summary>
public sealed record ZpoolVdev(string Name, string VdevType, string State, IReadOnlyList<ZpoolVdev> Children)
{
    /// <summary>The leaves under this vdev (itself when it has no children), depth first.</summary>
    public IEnumerable<ZpoolVdev> Leaves() =>
        Children.Count == 0 ? [this] : Children.SelectMany(child => child.Leaves());
}
