using Newtonsoft.Json;

namespace IncusOs.Providers.Simulation;

/// <summary>
/// The simulated machine's hardware and boot history, kept in <c>machine.json</c> in the state
/// directory. Users and test harnesses may edit it while the daemon is stopped (to add a drive, make
/// one fail, slow wipes down); each area keeps what it changes at run time in its own file beside it.
/// </summary>
public sealed record MachineDocument
{
    [JsonProperty("hostname")]
    public string Hostname { get; init; } = "incus-sim";

    [JsonProperty("product_uuid")]
    public string ProductUuid { get; init; } = string.Empty;

    [JsonProperty("machine_id")]
    public string MachineId { get; init; } = string.Empty;

    [JsonProperty("os")]
    public SimulatedOs Os { get; init; } = new();

    [JsonProperty("cpu")]
    public SimulatedCpu Cpu { get; init; } = new();

    [JsonProperty("memory_bytes")]
    public long MemoryBytes { get; init; } = 16L << 30;

    [JsonProperty("drives")]
    public IReadOnlyList<SimulatedDrive> Drives { get; init; } = [];

    [JsonProperty("nics")]
    public IReadOnlyList<SimulatedNic> Nics { get; init; } = [];

    [JsonProperty("tpm")]
    public SimulatedTpm Tpm { get; init; } = new();

    [JsonProperty("secure_boot")]
    public SimulatedSecureBoot SecureBoot { get; init; } = new();

    /// <summary>Every boot of the machine, oldest first; the last one is the running boot.</summary>
    [JsonProperty("boots")]
    public IReadOnlyList<SimulatedBoot> Boots { get; init; } = [];

    /// <summary>Set when the machine was powered off: the next daemon start is a new boot.</summary>
    [JsonProperty("powered_off")]
    public bool PoweredOff { get; init; }

    [JsonIgnore]
    public SimulatedBoot CurrentBoot => Boots[^1];
}

public sealed record SimulatedOs
{
    [JsonProperty("name")]
    public string Name { get; init; } = "IncusOS";

    [JsonProperty("version")]
    public string Version { get; init; } = "202512010000";

    /// <summary>A staged release that becomes <see cref="Version"/> at the next boot.</summary>
    [JsonProperty("next_version")]
    public string? NextVersion { get; init; }

    /// <summary>The release booted before the current one, kept as the fallback image.</summary>
    [JsonProperty("previous_version")]
    public string? PreviousVersion { get; init; }
}

public sealed record SimulatedCpu
{
    [JsonProperty("vendor")]
    public string Vendor { get; init; } = "GenuineIntel";

    [JsonProperty("model")]
    public string Model { get; init; } = "Intel(R) Xeon(R) CPU E5-2630 v4 @ 2.20GHz";

    [JsonProperty("sockets")]
    public int Sockets { get; init; } = 1;

    [JsonProperty("cores_per_socket")]
    public int CoresPerSocket { get; init; } = 4;

    [JsonProperty("threads_per_core")]
    public int ThreadsPerCore { get; init; } = 2;

    [JsonProperty("frequency_mhz")]
    public long FrequencyMhz { get; init; } = 2200;
}

public sealed record SimulatedDrive
{
    /// <summary>Kernel name, e.g. <c>sda</c> or <c>nvme0n1</c>; the device is <c>/dev/NAME</c>.</summary>
    [JsonProperty("name")]
    public string Name { get; init; } = string.Empty;

    [JsonProperty("id")]
    public string Id { get; init; } = string.Empty;

    /// <summary>What smartctl reports as <c>model_family</c> (empty for most SCSI and NVMe disks).</summary>
    [JsonProperty("model_family")]
    public string ModelFamily { get; init; } = string.Empty;

    [JsonProperty("model")]
    public string Model { get; init; } = string.Empty;

    [JsonProperty("serial")]
    public string Serial { get; init; } = string.Empty;

    /// <summary><c>sata</c>, <c>nvme</c>, <c>scsi</c>, <c>virtio</c>, <c>usb</c>...</summary>
    [JsonProperty("bus")]
    public string Bus { get; init; } = "sata";

    /// <summary>World wide name as the API shows it (<c>0x</c> + hex), empty when the disk has none.</summary>
    [JsonProperty("wwn")]
    public string Wwn { get; init; } = string.Empty;

    [JsonProperty("size_bytes")]
    public long SizeBytes { get; init; }

    [JsonProperty("rotational")]
    public bool Rotational { get; init; }

    [JsonProperty("removable")]
    public bool Removable { get; init; }

    [JsonProperty("remote")]
    public bool Remote { get; init; }

    [JsonProperty("boot")]
    public bool Boot { get; init; }

    [JsonProperty("smart_healthy")]
    public bool SmartHealthy { get; init; } = true;

    /// <summary>Fault injection: every operation on this drive fails as a dead disk would.</summary>
    [JsonProperty("failing")]
    public bool Failing { get; init; }

    /// <summary>
    /// Discard speed (0: as fast as the backing file allows). The default, 128 GiB/s, is an SSD's
    /// <c>blkdiscard</c>: a 1 TB drive in about 8 s. Lower it to make wipes and pool removals take
    /// minutes, as on a drive that zeroes instead of trimming.
    /// </summary>
    [JsonProperty("wipe_bytes_per_second")]
    public long WipeBytesPerSecond { get; init; } = 128L << 30;
}

public sealed record SimulatedNic
{
    [JsonProperty("name")]
    public string Name { get; init; } = string.Empty;

    [JsonProperty("mac")]
    public string Mac { get; init; } = string.Empty;

    [JsonProperty("driver")]
    public string Driver { get; init; } = "virtio_net";

    [JsonProperty("speed_mbit")]
    public long SpeedMbit { get; init; } = 1000;

    [JsonProperty("mtu")]
    public int Mtu { get; init; } = 1500;

    [JsonProperty("pci_address")]
    public string PciAddress { get; init; } = string.Empty;
}

public sealed record SimulatedTpm
{
    [JsonProperty("present")]
    public bool Present { get; init; } = true;
}

public sealed record SimulatedSecureBoot
{
    [JsonProperty("enabled")]
    public bool Enabled { get; init; } = true;
}

public sealed record SimulatedBoot
{
    /// <summary>32 lowercase hex digits, as <c>_BOOT_ID</c> in the journal.</summary>
    [JsonProperty("id")]
    public string Id { get; init; } = string.Empty;

    [JsonProperty("number")]
    public int Number { get; init; }

    [JsonProperty("started")]
    public DateTimeOffset Started { get; init; }

    /// <summary>The OS release this boot ran.</summary>
    [JsonProperty("os_version")]
    public string OsVersion { get; init; } = string.Empty;
}
