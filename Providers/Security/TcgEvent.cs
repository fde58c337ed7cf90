namespace IncusOs.Providers.Security;

/// <summary>
/// One event of a TCG2 (crypto-agile) event log: its position, PCR, type, logged digests by TPM
/// algorithm id, and its event data.
/// </summary>
public sealed record TcgEvent(int Index, uint Pcr, uint Type, IReadOnlyDictionary<ushort, byte[]> Digests, byte[] Data)
{
    public const uint NoAction = 0x3;
    public const uint Separator = 0x4;
    public const uint EfiVariableDriverConfig = 0x80000001;
    public const uint EfiVariableAuthority = 0x800000e0;

    public const ushort Sha1Algorithm = 0x0004;
    public const ushort Sha256Algorithm = 0x000B;

    public byte[]? Sha256 => Digests.GetValueOrDefault(Sha256Algorithm);
}
