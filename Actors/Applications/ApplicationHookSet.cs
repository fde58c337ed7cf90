namespace IncusOs.Actors.Applications;

/// <summary>
/// The hooks of applications.md §5: <see cref="IncusApplicationHooks"/> for <c>incus</c>, no-ops for any other.
/// </summary>
public sealed class ApplicationHookSet : IApplicationHookSet
{
    private readonly IncusApplicationHooks _incus;

    public ApplicationHookSet(IncusApplicationHooks incus)
    {
        _incus = incus;
    }

    public IApplicationHooks For(string name) => name == "incus" ? _incus : NoOpApplicationHooks.Instance;
}
