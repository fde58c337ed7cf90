namespace IncusOs.Providers.Machine;

/// <summary>Reads <see cref="OsIdentity"/>: <c>/lib/os-release</c> and friends on a host.</summary>
public interface IOsIdentitySource
{
    Task<OsIdentity> ReadAsync(CancellationToken cancellationToken);
}
