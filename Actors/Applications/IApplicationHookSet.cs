namespace IncusOs.Actors.Applications;

/// <summary>Finds the hooks of an application by name: <c>incus</c>'s own, no-ops for any other.</summary>
public interface IApplicationHookSet
{
    IApplicationHooks For(string name);
}
