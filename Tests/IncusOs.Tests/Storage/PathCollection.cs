namespace IncusOs.Tests.Storage;

/// <summary>
/// Tests that put recording <c>zpool</c>/<c>zfs</c>/<c>udevadm</c> executables first on the process's
/// PATH run alone, after the parallel tests, so no other test ever finds them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PathCollection
{
    public const string Name = "Recording executables on PATH";
}
