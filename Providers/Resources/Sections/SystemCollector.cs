using IncusOs.Providers.Resources.Wire;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace IncusOs.Providers.Resources.Sections;

/// <summary>The <c>system</c> section (resources.md §12): DMI, or <c>lshw -json</c> where there is no DMI.</summary>
public static class SystemCollector
{
    private const string Dmi = "/sys/class/dmi/id";

    private static readonly HashSet<string> RootOnly =
        ["product_uuid", "product_serial", "chassis_serial", "board_serial"];

    private static readonly string[] ChassisTypes =
    [
        "", "Other", "Unknown", "Desktop", "Low Profile Desktop", "Pizza Box", "Mini Tower", "Tower", "Portable",
        "Laptop", "Notebook", "Hand Held", "Docking Station", "All in One", "Sub Notebook", "Space-saving",
        "Lunch Box", "Main Server Chassis", "Expansion Chassis", "SubChassis", "Bus Expansion Chassis",
        "Peripheral Chassis", "RAID Chassis", "Rack Mount Chassis", "Sealed-case PC", "Multi-system chassis",
        "Compact PCI", "Advanced TCA", "Blade", "Blade Enclosure", "Tablet", "Convertible", "Detachable",
        "IoT Gateway", "Embedded PC", "Mini PC", "Stick PC",
    ];

    public static async Task<ResourcesSystem> CollectAsync(CollectContext context)
    {
        var type = await context.Probes.GetSystemTypeAsync(context.CancellationToken).ConfigureAwait(false);
        if (context.Exists(Dmi))
        {
            return FromDmi(context, type);
        }

        var lshw = await context.Probes.GetLshwJsonAsync(context.CancellationToken).ConfigureAwait(false);

        return FromLshw(lshw, type);
    }

    public static string ChassisTypeName(ulong number) =>
        number < (ulong)ChassisTypes.Length ? ChassisTypes[number] : string.Empty;

    private static ResourcesSystem FromDmi(CollectContext context, string type)
    {
        string Field(string name) => ReadDmi(context, name);

        var chassisType = string.Empty;
        var chassisTypePath = $"{Dmi}/chassis_type";
        if (context.Exists(chassisTypePath))
        {
            chassisType = ChassisTypeName(context.ReadU64(chassisTypePath));
        }

        return new ResourcesSystem
        {
            Uuid = Field("product_uuid"),
            Vendor = Field("sys_vendor"),
            Product = Field("product_name"),
            Family = Field("product_family"),
            Version = Field("product_version"),
            Sku = Field("product_sku"),
            Serial = Field("product_serial"),
            Type = type,
            Firmware = new ResourcesSystemFirmware
            {
                Vendor = Field("bios_vendor"), Date = Field("bios_date"), Version = Field("bios_version"),
            },
            Chassis = new ResourcesSystemChassis
            {
                Vendor = Field("chassis_vendor"),
                Type = chassisType,
                Serial = Field("chassis_serial"),
                Version = Field("chassis_version"),
            },
            Motherboard = new ResourcesSystemMotherboard
            {
                Vendor = Field("board_vendor"),
                Product = Field("board_name"),
                Serial = Field("board_serial"),
                Version = Field("board_version"),
            },
        };
    }

    // Missing → ""; unreadable → fatal, except permission errors on the four root-only files.
    private static string ReadDmi(CollectContext context, string name)
    {
        var path = $"{Dmi}/{name}";
        if (!context.Exists(path))
        {
            return string.Empty;
        }

        try
        {
            return context.Read(path);
        }
        catch (ProviderException ex) when (ex.InnerException is UnauthorizedAccessException && RootOnly.Contains(name))
        {
            return string.Empty;
        }
    }

    private static ResourcesSystem FromLshw(string? output, string type)
    {
        var system = new ResourcesSystem { Type = type };
        JObject root;
        try
        {
            using var reader = new JsonTextReader(new StringReader(output ?? string.Empty))
            {
                DateParseHandling = DateParseHandling.None,
            };
            if (output is null || JToken.ReadFrom(reader) is not JObject parsed)
            {
                return system;
            }

            root = parsed;
        }
        catch (JsonException)
        {
            return system;
        }

        system.Product = Text(root, "product");
        system.Serial = Text(root, "serial");
        system.Vendor = Text(root, "vendor");
        system.Version = Text(root, "version");
        var configuration = root["configuration"] as JObject;
        system.Family = Text(configuration, "family");
        system.Sku = Text(configuration, "sku");
        system.Uuid = Text(configuration, "uuid");
        system.Chassis = new ResourcesSystemChassis { Type = Text(configuration, "chassis") };

        var board = (root["children"] as JArray)?.OfType<JObject>()
            .FirstOrDefault(c => Text(c, "description") == "Motherboard");
        if (board is not null)
        {
            system.Motherboard = new ResourcesSystemMotherboard
            {
                Vendor = Text(board, "vendor"),
                Product = Text(board, "product"),
                Serial = Text(board, "serial"),
                Version = Text(board, "version"),
            };
            var firmware = (board["children"] as JArray)?.OfType<JObject>()
                .FirstOrDefault(c => Text(c, "id") == "firmware");
            if (firmware is not null)
            {
                system.Firmware = new ResourcesSystemFirmware
                {
                    Vendor = Text(firmware, "vendor"),
                    Date = Text(firmware, "date"),
                    Version = Text(firmware, "version"),
                };
            }
        }

        return system;
    }

    private static string Text(JObject? json, string key) =>
        json?[key] is JValue { Type: JTokenType.String } value ? (string)value! : string.Empty;
}
