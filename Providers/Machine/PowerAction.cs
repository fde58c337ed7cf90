namespace IncusOs.Providers.Machine;

/// <summary>What happens to the machine at the end of a shutdown sequence.</summary>
public enum PowerAction
{
    PowerOff,
    Reboot,
}
