using IncusOs.Providers.Resources;
using IncusOs.Providers.Resources.Native;

namespace IncusOs.Tests.Resources;

/// <summary>Probes for a captured tree: a fixed uname, no block devices, fixed command outputs.</summary>
internal sealed class FakeProbes : IHostProbes
{
    public UnameInfo UnameValue { get; init; } = new("x86_64", "6.1.0-test");

    public string SystemType { get; init; } = "physical";

    public string? Lshw { get; init; }

    public UnameInfo Uname() => UnameValue;

    public uint? GetPhysicalBlockSize(string hostPath) => null;

    public Task<string> GetSystemTypeAsync(CancellationToken cancellationToken) => Task.FromResult(SystemType);

    public Task<string?> GetLshwJsonAsync(CancellationToken cancellationToken) => Task.FromResult(Lshw);

    public Task<string?> GetNvidiaCsvAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
