using System.Runtime.InteropServices;

namespace IncusOs.Providers.Update;

/// <summary>The architecture name releases use for this machine: <c>x86_64</c> or <c>aarch64</c>.</summary>
public static class LocalArchitecture
{
    public static string Name => RuntimeInformation.OSArchitecture switch
    {
        Architecture.Arm64 => "aarch64",
        _ => "x86_64",
    };
}
