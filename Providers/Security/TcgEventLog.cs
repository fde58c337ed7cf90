using System.Buffers.Binary;
using System.Text;

namespace IncusOs.Providers.Security;

/// <summary>
/// A parsed TCG2 crypto-agile event log (TCG PC Client Platform Firmware Profile, §10): the digest
/// sizes announced by the Spec ID event and every event after it.
/// </summary>
public sealed class TcgEventLog
{
    private static readonly byte[] SpecIdSignature = Encoding.ASCII.GetBytes("Spec ID Event03\0");

    private TcgEventLog(IReadOnlyDictionary<ushort, int> digestSizes, IReadOnlyList<TcgEvent> events)
    {
        DigestSizes = digestSizes;
        Events = events;
    }

    /// <summary>Digest size in bytes for each algorithm id the log carries.</summary>
    public IReadOnlyDictionary<ushort, int> DigestSizes { get; }

    /// <summary>The events after the Spec ID event; <see cref="TcgEvent.Index"/> counts it as 0.</summary>
    public IReadOnlyList<TcgEvent> Events { get; }

    /// <summary>Parses a log; a legacy SHA-1 log or a malformed one is a <see cref="ProviderException"/>.</summary>
    public static TcgEventLog Parse(ReadOnlySpan<byte> log)
    {
        if (log.Length < 32)
        {
            throw new ProviderException("TPM event log is too short");
        }

        var firstType = BinaryPrimitives.ReadUInt32LittleEndian(log[4..]);
        var specSize = (int)BinaryPrimitives.ReadUInt32LittleEndian(log[28..]);
        if (firstType != TcgEvent.NoAction || specSize < 29 || 32 + specSize > log.Length
            || !log.Slice(32, 16).SequenceEqual(SpecIdSignature))
        {
            throw new ProviderException("TPM event log is not in the crypto-agile (TCG2) format");
        }

        var spec = log.Slice(32, specSize);
        var count = (int)BinaryPrimitives.ReadUInt32LittleEndian(spec[24..]);
        if (28 + (4 * count) > spec.Length)
        {
            throw new ProviderException("TPM event log has a truncated Spec ID event");
        }

        var sizes = new Dictionary<ushort, int>();
        for (var i = 0; i < count; i++)
        {
            var algorithm = spec[(28 + (4 * i))..];
            sizes[BinaryPrimitives.ReadUInt16LittleEndian(algorithm)] =
                BinaryPrimitives.ReadUInt16LittleEndian(algorithm[2..]);
        }

        return new TcgEventLog(sizes, ReadEvents(log[(32 + specSize)..], sizes));
    }

    private static List<TcgEvent> ReadEvents(ReadOnlySpan<byte> log, Dictionary<ushort, int> sizes)
    {
        var events = new List<TcgEvent>();
        var offset = 0;
        while (offset + 12 <= log.Length)
        {
            var pcr = BinaryPrimitives.ReadUInt32LittleEndian(log[offset..]);
            var type = BinaryPrimitives.ReadUInt32LittleEndian(log[(offset + 4)..]);
            var count = BinaryPrimitives.ReadUInt32LittleEndian(log[(offset + 8)..]);

            // Some firmware pads the log with 0xff or zeros after the last event.
            if (pcr == uint.MaxValue || (pcr == 0 && type == 0 && count == 0))
            {
                break;
            }

            var at = offset + 12;
            var digests = new Dictionary<ushort, byte[]>();
            for (var i = 0; i < count; i++)
            {
                Require(log, at, 2);
                var algorithm = BinaryPrimitives.ReadUInt16LittleEndian(log[at..]);
                if (!sizes.TryGetValue(algorithm, out var size))
                {
                    throw new ProviderException(
                        $"TPM event log event {events.Count + 1} uses unknown digest algorithm 0x{algorithm:x4}");
                }

                Require(log, at + 2, size);
                digests[algorithm] = log.Slice(at + 2, size).ToArray();
                at += 2 + size;
            }

            Require(log, at, 4);
            var dataSize = (int)BinaryPrimitives.ReadUInt32LittleEndian(log[at..]);
            Require(log, at + 4, dataSize);
            events.Add(new TcgEvent(events.Count + 1, pcr, type, digests, log.Slice(at + 4, dataSize).ToArray()));
            offset = at + 4 + dataSize;
        }

        return events;
    }

    private static void Require(ReadOnlySpan<byte> log, int offset, int length)
    {
        if (length < 0 || offset + length > log.Length)
        {
            throw new ProviderException($"TPM event log is truncated at offset {offset}");
        }
    }
}
