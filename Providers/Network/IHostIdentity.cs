namespace IncusOs.Providers.Network;

/// <summary>
/// The machine's own name when the network config gives none (system.md §2): the product UUID, else
/// the machine id, else the OS name.
/// </summary>
public interface IHostIdentity
{
    string FallbackHostname();
}
