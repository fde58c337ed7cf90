namespace IncusOs.Providers.Simulation;

/// <summary>The machine a first <c>--simulate</c> start creates: a small server with room to play.</summary>
public static class MachineDefaults
{
    public static MachineDocument Create(TimeProvider time)
    {
        _ = time;
        var uuid = Guid.NewGuid();

        return new MachineDocument
        {
            Hostname = "incus-sim",
            ProductUuid = uuid.ToString(),
            MachineId = Guid.NewGuid().ToString("N"),
            Drives =
            [
                new SimulatedDrive
                {
                    Name = "sda", Id = "/dev/disk/by-id/scsi-0QEMU_QEMU_HARDDISK_incus_root",
                    Model = "QEMU HARDDISK", Serial = "incus_root", Bus = "scsi", SizeBytes = 50L << 30,
                    Boot = true,
                },
                new SimulatedDrive
                {
                    Name = "sdb", Id = "/dev/disk/by-id/ata-Samsung_SSD_870_EVO_1TB_S6PUNX0T100001",
                    Model = "Samsung SSD 870 EVO 1TB", Serial = "S6PUNX0T100001", Bus = "sata",
                    SizeBytes = 1000204886016,
                },
                new SimulatedDrive
                {
                    Name = "nvme0n1", Id = "/dev/disk/by-id/nvme-WD_Blue_SN570_1TB_22163Y800002",
                    Model = "WD Blue SN570 1TB", Serial = "22163Y800002", Bus = "nvme",
                    SizeBytes = 1000204886016,
                },
            ],
            Nics =
            [
                new SimulatedNic
                {
                    Name = "enp5s0", Mac = "10:66:6a:2f:11:01", PciAddress = "0000:05:00.0", SpeedMbit = 10000,
                },
                new SimulatedNic
                {
                    Name = "enp6s0", Mac = "10:66:6a:2f:11:02", PciAddress = "0000:06:00.0", SpeedMbit = 10000,
                },
            ],
        };
    }
}
