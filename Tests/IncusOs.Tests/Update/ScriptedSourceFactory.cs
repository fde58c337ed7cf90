using IncusOs.Providers.Update;

namespace IncusOs.Tests.Update;

/// <summary>Hands the actor the test's source and counts how often the actor (re)creates it.</summary>
public sealed class ScriptedSourceFactory : IUpdateSourceFactory
{
    private int _creates;

    public ScriptedSourceFactory(ScriptedUpdateSource source)
    {
        Source = source;
    }

    public ScriptedUpdateSource Source { get; }

    public int Creates => Volatile.Read(ref _creates);

    public UpdateProviderSelection Default => new() { Name = "local" };

    public IUpdateSource Create(UpdateProviderSelection selection)
    {
        Interlocked.Increment(ref _creates);

        return Source;
    }
}
