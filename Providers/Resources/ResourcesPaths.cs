namespace IncusOs.Providers.Resources;

/// <summary>
/// Where the name databases are looked for on the host (not below a captured tree's root): the
/// <c>pci.ids</c> candidates in search order (first existing wins; <c>.gz</c> is gunzipped) and
/// <c>usb.ids</c>. <see cref="FromEnvironment"/> applies the reference's environment overrides.
/// </summary>
public sealed record ResourcesPaths(IReadOnlyList<string> PciIdsCandidates, string UsbIdsPath)
{
    public static ResourcesPaths Default { get; } = FromEnvironment(_ => null);

    /// <summary>
    /// <c>$PCIDB_PATH</c> alone if set; otherwise <c>$HOME/.cache/pci.ids</c> then the hwdata/misc copies under
    /// <c>$PCIDB_CHROOT</c> (only the cache when <c>PCIDB_CACHE_ONLY=true</c>). <c>$INCUS_USBIDS_PATH</c> or
    /// <c>/usr/share/misc/usb.ids</c>. Nothing is ever fetched.
    /// </summary>
    public static ResourcesPaths FromEnvironment(Func<string, string?> variable)
    {
        var usb = NonEmpty(variable("INCUS_USBIDS_PATH")) ?? "/usr/share/misc/usb.ids";
        var explicitPci = NonEmpty(variable("PCIDB_PATH"));
        if (explicitPci is not null)
        {
            return new ResourcesPaths([explicitPci], usb);
        }

        var candidates = new List<string>();
        var home = NonEmpty(variable("HOME"));
        if (home is not null)
        {
            candidates.Add(Path.Combine(home, ".cache", "pci.ids"));
        }

        if (!string.Equals(variable("PCIDB_CACHE_ONLY"), "true", StringComparison.OrdinalIgnoreCase))
        {
            var chroot = NonEmpty(variable("PCIDB_CHROOT")) ?? "/";
            foreach (var file in new[]
            {
                "usr/share/hwdata/pci.ids", "usr/share/misc/pci.ids",
                "usr/share/hwdata/pci.ids.gz", "usr/share/misc/pci.ids.gz",
            })
            {
                candidates.Add(Path.Combine(chroot, file));
            }
        }

        return new ResourcesPaths(candidates, usb);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
