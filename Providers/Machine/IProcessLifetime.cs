namespace IncusOs.Providers.Machine;

/// <summary>Lets a provider end the daemon process cleanly (exit status 0), as a power-off does.</summary>
public interface IProcessLifetime
{
    void StopProcess();
}
