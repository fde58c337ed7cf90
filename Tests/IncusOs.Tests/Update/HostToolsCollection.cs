namespace IncusOs.Tests.Update;

/// <summary>
/// Tests that put recording executables first on the process's PATH: run alone, after every parallel test,
/// so that no other test runs the fake <c>systemctl</c>.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostToolsCollection
{
    public const string Name = "host tools on PATH";
}
