using System.Runtime.CompilerServices;
using IncusOs.Actors.Common;
using IncusOs.Providers;
using IncusOs.Providers.Security;

namespace IncusOs.Actors.Security;

/// <summary>
/// The security area's hardware work, run as tasks for <see cref="SecurityActor"/>: they get what they
/// need as arguments and answer with an outcome, never touching the actor. Key slot changes are done so
/// that a failure never leaves a listed key without a working slot (security.md §3–§4, DECISIONS.md).
/// </summary>
public sealed class KeySlotOperations
{
    private readonly ISecureBoot _secureBoot;
    private readonly ITpm _tpm;
    private readonly IEncryptedVolumes _volumes;
    private readonly IPoolKeySource _poolKeys;

    public KeySlotOperations(ISecureBoot secureBoot, ITpm tpm, IEncryptedVolumes volumes, IPoolKeySource poolKeys)
    {
        _secureBoot = secureBoot;
        _tpm = tpm;
        _volumes = volumes;
        _poolKeys = poolKeys;
    }

    // One slot change at a time per machine, across actor incarnations: a simulated reboot restarts the
    // security actor while its last operation may still be running, and two rebuilds interleaving
    // would wipe each other's new slots.
    private static readonly ConditionalWeakTable<IEncryptedVolumes, SemaphoreSlim> Gates = new();

    private SemaphoreSlim Gate => Gates.GetValue(_volumes, _ => new SemaphoreSlim(1, 1));

    /// <summary>The new key list (or null) and the reply; <see cref="Reply"/> is a Rejection on failure.</summary>
    public sealed record Outcome(IReadOnlyList<string>? Keys, object Reply)
    {
        public override string ToString() => $"Outcome {{ Changed = {Keys is not null}, Reply = {Reply} }}";
    }

    /// <summary>The first-start key (security.md §5): generated on root, the same string enrolled on swap.</summary>
    public Task<string> GenerateRecoveryKeyAsync(CancellationToken cancellationToken) =>
        ExclusiveAsync(() => GenerateRecoveryKeyCoreAsync(cancellationToken), cancellationToken);

    private async Task<string> GenerateRecoveryKeyCoreAsync(CancellationToken cancellationToken)
    {
        var volumes = await _volumes.DiscoverAsync(cancellationToken).ConfigureAwait(false);
        var root = volumes.FirstOrDefault(v => v.Name == "root")
            ?? throw new ProviderException("no root volume found");
        var key = await _volumes.EnrollRecoveryKeyAsync(root, cancellationToken).ConfigureAwait(false);
        var others = volumes.Where(v => v != root).ToList();
        await EnrollEverywhereAsync(others, [key], cancellationToken).ConfigureAwait(false);

        return key;
    }

    /// <summary>Enrols a passphrase on every volume; a failure removes the slots it had added.</summary>
    public Task<Outcome> AddAsync(IReadOnlyList<string> keys, string passphrase, CancellationToken cancellationToken) =>
        ExclusiveAsync(() => AddCoreAsync(keys, passphrase, cancellationToken), cancellationToken);

    private async Task<Outcome> AddCoreAsync(
        IReadOnlyList<string> keys, string passphrase, CancellationToken cancellationToken)
    {
        try
        {
            var volumes = await _volumes.DiscoverAsync(cancellationToken).ConfigureAwait(false);
            await EnrollEverywhereAsync(volumes, [passphrase], cancellationToken).ConfigureAwait(false);

            return new Outcome([.. keys, passphrase], Done.Instance);
        }
        catch (ProviderException ex)
        {
            return new Outcome(null, Rejection.BadRequest(ex.Message));
        }
    }

    /// <summary>
    /// Removal by rebuild: the remaining passphrases are enrolled again in new slots on every volume,
    /// then the old passphrase slots are wiped. A failure while enrolling leaves the old slots (every
    /// listed key still works); a failure while wiping drops the removed key from the list, because
    /// some of its slots may be gone while every remaining key has its new slots.
    /// </summary>
    public Task<Outcome> RemoveAsync(
        IReadOnlyList<string> keys, string passphrase, CancellationToken cancellationToken) =>
        ExclusiveAsync(() => RemoveCoreAsync(keys, passphrase, cancellationToken), cancellationToken);

    private async Task<Outcome> RemoveCoreAsync(
        IReadOnlyList<string> keys, string passphrase, CancellationToken cancellationToken)
    {
        var remaining = keys.Where(k => !string.Equals(k, passphrase, StringComparison.Ordinal)).ToList();
        IReadOnlyList<LuksVolume> volumes;
        var old = new Dictionary<LuksVolume, int[]>();
        try
        {
            volumes = await _volumes.DiscoverAsync(cancellationToken).ConfigureAwait(false);
            foreach (var volume in volumes)
            {
                var slots = await _volumes.ListSlotsAsync(volume, cancellationToken).ConfigureAwait(false);
                old[volume] = [.. slots.Where(s => s.HoldsPassphrase).Select(s => s.Index)];
            }

            await EnrollEverywhereAsync(volumes, remaining, cancellationToken).ConfigureAwait(false);
        }
        catch (ProviderException ex)
        {
            return new Outcome(null, Rejection.BadRequest(ex.Message));
        }

        var wiped = false;
        try
        {
            foreach (var volume in volumes)
            {
                await _volumes.WipeSlotsAsync(volume, old[volume], cancellationToken).ConfigureAwait(false);
                wiped = true;
            }

            return new Outcome(remaining, Done.Instance);
        }
        catch (ProviderException ex)
        {
            return new Outcome(wiped ? remaining : null, Rejection.BadRequest(ex.Message));
        }
    }

    /// <summary>Re-seals every volume's TPM slot to the present PCR7 (security.md §6 steps 1–5).</summary>
    public Task<object> ResetBindingsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        ExclusiveAsync(() => ResetBindingsCoreAsync(keys, cancellationToken), cancellationToken);

    private async Task<object> ResetBindingsCoreAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        try
        {
            if (!await _secureBoot.IsEnabledAsync(cancellationToken).ConfigureAwait(false))
            {
                return Rejection.Internal("refusing to reset TPM encryption bindings because Secure Boot is disabled");
            }

            var volumes = await _volumes.DiscoverAsync(cancellationToken).ConfigureAwait(false);
            var anyLocked = false;
            foreach (var volume in volumes)
            {
                anyLocked |= !await _volumes.CanUnlockWithTpmAsync(volume, cancellationToken).ConfigureAwait(false);
            }

            if (!anyLocked)
            {
                return Rejection.Internal(
                    "refusing to reset TPM encryption bindings because current state can unlock all volumes");
            }

            if (keys.Count == 0)
            {
                return Rejection.Internal("no recovery key is enrolled to authorise resetting TPM encryption bindings");
            }

            var pcr7 = await _tpm.ReadPcr7Async(cancellationToken).ConfigureAwait(false);
            await _tpm.InstallPcrPublicKeyAsync(cancellationToken).ConfigureAwait(false);
            foreach (var volume in volumes)
            {
                await _volumes.ResealTpmAsync(volume, pcr7, keys[0], cancellationToken).ConfigureAwait(false);
            }

            return Done.Instance;
        }
        catch (ProviderException ex)
        {
            return Rejection.Internal(ex.Message);
        }
    }

    /// <summary>How each volume was unlocked (security.md §2.1); an undiscoverable set gives none.</summary>
    public async Task<IReadOnlyList<EncryptedVolume>> GetVolumeStatesAsync(CancellationToken cancellationToken)
    {
        var volumes = await _volumes.DiscoverAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<EncryptedVolume>();
        string? tpmStatus = null;
        foreach (var volume in volumes)
        {
            var active = await _volumes.IsActiveAsync(volume, cancellationToken).ConfigureAwait(false);
            var unlocks = active
                && await _volumes.CanUnlockWithTpmAsync(volume, cancellationToken).ConfigureAwait(false);
            if (active && !unlocks)
            {
                tpmStatus ??= await _tpm.GetStatusAsync(cancellationToken).ConfigureAwait(false);
            }

            result.Add(new EncryptedVolume(volume.Name, VolumeStates.Of(active, unlocks, tpmStatus ?? string.Empty)));
        }

        return result;
    }

    /// <summary>The observed part of <c>GET</c> (security.md §2 steps 2–5) around the actor's state.</summary>
    public async Task<object> DescribeAsync(
        SecurityState state, IReadOnlyList<EncryptedVolume> volumes, CancellationToken cancellationToken)
    {
        try
        {
            var enabled = await _secureBoot.IsEnabledAsync(cancellationToken).ConfigureAwait(false);
            var certificates = await _secureBoot.GetCertificatesAsync(cancellationToken).ConfigureAwait(false);
            var tpmStatus = await _tpm.GetStatusAsync(cancellationToken).ConfigureAwait(false);
            var poolKeys = await _poolKeys.GetRecoveryKeysAsync(cancellationToken).ConfigureAwait(false);

            return new SystemSecurity(
                new SystemSecurityConfig(state.RecoveryKeys),
                new SystemSecurityState(
                    state.Retrieved,
                    volumes,
                    enabled,
                    [.. certificates.Select(c =>
                        new SecureBootCertificateDocument(c.Type, c.Fingerprint, c.Subject, c.Issuer))],
                    tpmStatus,
                    poolKeys));
        }
        catch (ProviderException ex)
        {
            return Rejection.BadRequest(ex.Message);
        }
    }

    private async Task<T> ExclusiveAsync<T>(Func<Task<T>> run, CancellationToken cancellationToken)
    {
        var gate = Gate;
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await run().ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Enrols each passphrase on each volume; a failure wipes the slots it added and rethrows.</summary>
    private async Task EnrollEverywhereAsync(
        IReadOnlyList<LuksVolume> volumes, IReadOnlyList<string> passphrases, CancellationToken cancellationToken)
    {
        var before = new Dictionary<LuksVolume, HashSet<int>>();
        try
        {
            foreach (var volume in volumes)
            {
                var slots = await _volumes.ListSlotsAsync(volume, cancellationToken).ConfigureAwait(false);
                before[volume] = [.. slots.Select(s => s.Index)];
                foreach (var passphrase in passphrases)
                {
                    await _volumes.EnrollPassphraseAsync(volume, passphrase, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (ProviderException)
        {
            await RollBackAsync(before).ConfigureAwait(false);
            throw;
        }
    }

    private async Task RollBackAsync(Dictionary<LuksVolume, HashSet<int>> before)
    {
        foreach (var (volume, existing) in before)
        {
            try
            {
                var now = await _volumes.ListSlotsAsync(volume, CancellationToken.None).ConfigureAwait(false);
                var added = now.Where(s => s.HoldsPassphrase && !existing.Contains(s.Index))
                    .Select(s => s.Index)
                    .ToList();
                await _volumes.WipeSlotsAsync(volume, added, CancellationToken.None).ConfigureAwait(false);
            }
            catch (ProviderException)
            {
                // Extra slots for keys that are listed anyway do no harm; the next rebuild removes them.
            }
        }
    }
}
