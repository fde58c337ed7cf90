using System.Security.Cryptography;
using System.Text;
using IncusOs.Providers.Process;

namespace IncusOs.Providers.Security;

/// <summary>The LUKS key slots of the simulated machine, with the same rules and errors as the real tools.</summary>
public sealed partial class SimulatedSecurityMachine
{
    private const string Modhex = "cbdefghijklnrtuv";
    private const int HashIterations = 10_000;
    private const int KeySlots = 32;

    public Task<IReadOnlyList<LuksVolume>> DiscoverAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<LuksVolume>>(
            Read(d => d.Volumes.Select(v => new LuksVolume(v.Name, v.Device)).ToList()));

    public Task<IReadOnlyList<LuksSlot>> ListSlotsAsync(LuksVolume volume, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<LuksSlot>>(
            Read(d => Find(d, volume).Slots.Select(s => new LuksSlot(s.Index, s.Type)).ToList()));

    public async Task<string> EnrollRecoveryKeyAsync(LuksVolume volume, CancellationToken cancellationToken)
    {
        await DelayAsync(cancellationToken).ConfigureAwait(false);
        var key = string.Join('-', Enumerable.Range(0, 8).Select(_ =>
            new string(Enumerable.Range(0, 8).Select(_ => Modhex[RandomNumberGenerator.GetInt32(16)]).ToArray())));
        var arguments = $"--unlock-tpm2-device auto --recovery-key {volume.Device}";
        ChangeSlots(volume, arguments, slots =>
            [.. slots, PassphraseSlot(NextIndex(slots, arguments, "recovery key", volume), LuksSlot.Recovery, key)]);

        return key;
    }

    public async Task EnrollPassphraseAsync(LuksVolume volume, string passphrase, CancellationToken cancellationToken)
    {
        await DelayAsync(cancellationToken).ConfigureAwait(false);
        var arguments = $"--unlock-tpm2-device auto --password {volume.Device}";
        ChangeSlots(volume, arguments, slots =>
            [.. slots, PassphraseSlot(NextIndex(slots, arguments, "password", volume), LuksSlot.Password, passphrase)]);
    }

    public async Task WipeSlotsAsync(
        LuksVolume volume, IReadOnlyCollection<int> slots, CancellationToken cancellationToken)
    {
        if (slots.Count == 0)
        {
            return;
        }

        await DelayAsync(cancellationToken).ConfigureAwait(false);
        var list = string.Join(',', slots.Order());
        ChangeSlots(volume, $"--unlock-tpm2-device auto --wipe-slot {list} {volume.Device}", current =>
            [.. current.Where(s => !slots.Contains(s.Index))]);
    }

    /// <summary>Every simulated volume was opened at boot (by the TPM or a typed passphrase).</summary>
    public Task<bool> IsActiveAsync(LuksVolume volume, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task<bool> CanUnlockWithTpmAsync(LuksVolume volume, CancellationToken cancellationToken) =>
        Task.FromResult(Read(d => TpmUnlocks(d, Find(d, volume))));

    public Task ResealTpmAsync(
        LuksVolume volume, string pcr7Hex, string passphrase, CancellationToken cancellationToken)
    {
        var command =
            $"--tpm2-device=auto --wipe-slot=tpm2 --tpm2-pcrlock= --tpm2-pcrs=7:sha256={pcr7Hex} {volume.Device}";
        Change(document =>
        {
            var target = Find(document, volume);
            if (!target.Slots.Any(s => Matches(s, passphrase)))
            {
                throw Failed(command, "Failed to unlock disk: Operation not permitted");
            }

            document = ConsumeFault(document, volume);
            var slots = target.Slots.Where(s => s.Type != LuksSlot.Tpm2).ToList();

            return Replace(document, target with { Slots = [.. slots, TpmSlot(NextIndex(slots), pcr7Hex)] });
        });

        return Task.CompletedTask;
    }

    /// <summary>True when <paramref name="passphrase"/> opens the volume (a test's <c>--test-passphrase</c>).</summary>
    public bool Opens(LuksVolume volume, string passphrase) =>
        Read(d => Find(d, volume).Slots.Any(s => Matches(s, passphrase)));

    /// <summary>The configured slowness, spent outside the lock so that readers are not held up.</summary>
    private Task DelayAsync(CancellationToken cancellationToken)
    {
        var delay = Read(d => d.Faults.SlotChangeDelayMilliseconds);

        return delay > 0 ? Task.Delay(delay, cancellationToken) : Task.CompletedTask;
    }

    private void ChangeSlots(
        LuksVolume volume,
        string arguments,
        Func<IReadOnlyList<SimulatedLuksSlot>, IReadOnlyList<SimulatedLuksSlot>> change) =>
        Change(document =>
        {
            var target = Find(document, volume);
            if (!TpmUnlocks(document, target))
            {
                throw Failed(arguments, "Failed to unseal secret using TPM2: State not recoverable");
            }

            document = ConsumeFault(document, volume);

            return Replace(document, target with { Slots = change(target.Slots) });
        });

    private SimulatedSecurityDocument ConsumeFault(SimulatedSecurityDocument document, LuksVolume volume)
    {
        switch (document.Faults.FailSlotChangeAfter)
        {
            case null:
                return document;
            case <= 0:
                Save(document with { Faults = document.Faults with { FailSlotChangeAfter = null } });
                throw new ProviderException($"simulated fault: the key slot change on {volume.Device} failed");
            case var remaining:
                return document with { Faults = document.Faults with { FailSlotChangeAfter = remaining - 1 } };
        }
    }

    private bool TpmUnlocks(SimulatedSecurityDocument document, SimulatedLuksVolume volume) =>
        _machine.Document.Tpm.Present
        && volume.Slots.Any(s => s.Type == LuksSlot.Tpm2 && s.Pcr7 == document.Pcr7);

    private static SimulatedLuksVolume Find(SimulatedSecurityDocument document, LuksVolume volume) =>
        document.Volumes.FirstOrDefault(v => v.Device == volume.Device)
        ?? throw new ProviderException($"Failed to open {volume.Device}: No such file or directory");

    private static SimulatedSecurityDocument Replace(SimulatedSecurityDocument document, SimulatedLuksVolume volume) =>
        document with { Volumes = [.. document.Volumes.Select(v => v.Device == volume.Device ? volume : v)] };

    private static int NextIndex(IReadOnlyList<SimulatedLuksSlot> slots) =>
        Enumerable.Range(0, KeySlots).First(i => slots.All(s => s.Index != i));

    // LUKS2 has 32 key slots; when they are all used, libcryptsetup says so and the enrolment fails.
    private static int NextIndex(
        IReadOnlyList<SimulatedLuksSlot> slots, string arguments, string what, LuksVolume volume) =>
        slots.Count >= KeySlots
            ? throw Failed(
                arguments, $"All key slots full.\nFailed to add new {what} to {volume.Device}: Invalid argument")
            : NextIndex(slots);

    private static SimulatedLuksSlot PassphraseSlot(int index, string type, string passphrase)
    {
        var salt = RandomNumberGenerator.GetBytes(16);

        return new SimulatedLuksSlot
        {
            Index = index,
            Type = type,
            Salt = Convert.ToBase64String(salt),
            Hash = Convert.ToBase64String(Hash(passphrase, salt)),
        };
    }

    private static bool Matches(SimulatedLuksSlot slot, string passphrase) =>
        slot is { Salt: { } salt, Hash: { } hash }
        && CryptographicOperations.FixedTimeEquals(
            Hash(passphrase, Convert.FromBase64String(salt)), Convert.FromBase64String(hash));

    private static byte[] Hash(string passphrase, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(
            Encoding.UTF8.GetBytes(passphrase), salt, HashIterations, HashAlgorithmName.SHA256, 32);

    private static CommandFailedException Failed(string arguments, string stderr) =>
        new("systemd-cryptenroll " + arguments, 1, stderr);
}
