namespace IncusOs.Providers.Storage;

/// <summary>
/// What <c>smartctl -aj</c> says about a disk, already mapped to the API's terms: model family falls
/// back to the SCSI vendor, model name to the SCSI product, the WWN is formatted as <c>0x</c> + hex and
/// left null unless all three parts are non-zero, SMART health is null when SMART is unavailable.
/// </summary>
public sealed record SmartReport(
    string ModelFamily,
    string ModelName,
    string SerialNumber,
    string Bus,
    string? Wwn,
    SmartHealth? Health);
