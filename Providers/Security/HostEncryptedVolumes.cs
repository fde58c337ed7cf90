using System.Text;
using IncusOs.Providers.Process;

namespace IncusOs.Providers.Security;

/// <summary>
/// LUKS through <c>systemd-cryptenroll</c>, <c>cryptsetup</c> and <c>dmsetup</c> (security.md §2.1–§6).
/// Passphrases go to the tools in <c>NEWPASSWORD</c>/<c>PASSWORD</c> or on stdin, never in arguments.
/// </summary>
public sealed class HostEncryptedVolumes : IEncryptedVolumes
{
    private const string CryptEnroll = "systemd-cryptenroll";
    private const string CryptSetup = "cryptsetup";

    private readonly IProcessRunner _runner;
    private readonly LuksOptions _options;

    public HostEncryptedVolumes(IProcessRunner runner, LuksOptions options)
    {
        _runner = runner;
        _options = options;
    }

    public Task<IReadOnlyList<LuksVolume>> DiscoverAsync(CancellationToken cancellationToken)
    {
        if (_options.Devices is { } devices)
        {
            IReadOnlyList<LuksVolume> named =
                [.. devices.Select(d => new LuksVolume(d.Key, d.Value)).OrderBy(v => v.Name)];

            return Task.FromResult(named);
        }

        // The root partition label moves when overlays are applied; swap is found first and root is its neighbour.
        var link = Path.Combine(_options.PartitionLabels, "swap");
        string target;
        try
        {
            var info = new FileInfo(link);
            target = info.LinkTarget
                ?? throw new ProviderException(
                    info.Exists ? $"readlink {link}: invalid argument" : $"readlink {link}: no such file or directory");
        }
        catch (IOException ex)
        {
            throw GoFileError.From("readlink", link, ex);
        }

        var swap = Path.GetFullPath(Path.Combine(_options.PartitionLabels, target));
        if (!swap.EndsWith('9'))
        {
            throw new ProviderException($"unexpected swap device: '{swap}'");
        }

        IReadOnlyList<LuksVolume> found = [new("root", swap[..^1] + "10"), new("swap", swap)];

        return Task.FromResult(found);
    }

    public async Task<IReadOnlyList<LuksSlot>> ListSlotsAsync(LuksVolume volume, CancellationToken cancellationToken)
    {
        var result = await _runner.RunAsync(CryptEnroll, [volume.Device], null, cancellationToken)
            .ConfigureAwait(false);
        var authority = await AuthoritySlotAsync(volume, cancellationToken).ConfigureAwait(false);
        var slots = new List<LuksSlot>();
        foreach (var line in result.Stdout.Split('\n').Skip(1))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 2 && int.TryParse(words[0], out var index))
            {
                slots.Add(new LuksSlot(index, index == authority ? LuksSlot.Authority : words[1]));
            }
        }

        return slots;
    }

    public async Task<string> EnrollRecoveryKeyAsync(LuksVolume volume, CancellationToken cancellationToken)
    {
        var result = await _runner.RunAsync(
            CryptEnroll, [.. UnlockArguments(), "--recovery-key", volume.Device], null, cancellationToken)
            .ConfigureAwait(false);

        return result.Stdout.TrimEnd('\n');
    }

    public async Task EnrollPassphraseAsync(LuksVolume volume, string passphrase, CancellationToken cancellationToken)
    {
        RejectNul(passphrase);
        if (_options.Pbkdf2Iterations is { } iterations && _options.UnlockKeyFile is { } keyFile)
        {
            string[] args =
            [
                "luksAddKey", "--batch-mode", "--pbkdf", "pbkdf2", "--pbkdf-force-iterations",
                iterations.ToString(System.Globalization.CultureInfo.InvariantCulture), "--key-file", keyFile,
                volume.Device, "-",
            ];
            await _runner.RunAsync(
                CryptSetup, args, new ProcessOptions { Stdin = Encoding.UTF8.GetBytes(passphrase) }, cancellationToken)
                .ConfigureAwait(false);

            return;
        }

        await _runner.RunAsync(
            CryptEnroll,
            [.. UnlockArguments(), "--password", volume.Device],
            new ProcessOptions { Environment = new Dictionary<string, string> { ["NEWPASSWORD"] = passphrase } },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task WipeSlotsAsync(
        LuksVolume volume, IReadOnlyCollection<int> slots, CancellationToken cancellationToken)
    {
        if (slots.Count == 0)
        {
            return;
        }

        var list = string.Join(',', slots.Order());
        await _runner.RunAsync(
            CryptEnroll, [.. UnlockArguments(), "--wipe-slot", list, volume.Device], null, cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<bool> IsActiveAsync(LuksVolume volume, CancellationToken cancellationToken)
    {
        try
        {
            await _runner.RunAsync("dmsetup", ["info", volume.Name], null, cancellationToken).ConfigureAwait(false);

            return true;
        }
        catch (CommandFailedException)
        {
            return false;
        }
    }

    public async Task<bool> CanUnlockWithTpmAsync(LuksVolume volume, CancellationToken cancellationToken)
    {
        try
        {
            await _runner.RunAsync(
                CryptSetup, ["luksOpen", "--test-passphrase", volume.Device, volume.Name], null, cancellationToken)
                .ConfigureAwait(false);

            return true;
        }
        catch (CommandFailedException)
        {
            return false;
        }
    }

    public async Task ResealTpmAsync(
        LuksVolume volume, string pcr7Hex, string passphrase, CancellationToken cancellationToken)
    {
        RejectNul(passphrase);
        string[] args = _options.LiteralPcrValues
            ?
            [
                $"--tpm2-device={_options.TpmDevice}", "--wipe-slot=tpm2", "--tpm2-pcrlock=",
                $"--tpm2-pcrs=7:sha256={pcr7Hex}", volume.Device,
            ]
            : [$"--tpm2-device={_options.TpmDevice}", "--wipe-slot=tpm2", "--tpm2-pcrs=7", volume.Device];
        await _runner.RunAsync(
            CryptEnroll,
            args,
            new ProcessOptions { Environment = new Dictionary<string, string> { ["PASSWORD"] = passphrase } },
            cancellationToken).ConfigureAwait(false);
    }

    private string[] UnlockArguments() =>
        _options.UnlockKeyFile is { } keyFile ? [$"--unlock-key-file={keyFile}"] : ["--unlock-tpm2-device", "auto"];

    private async Task<int?> AuthoritySlotAsync(LuksVolume volume, CancellationToken cancellationToken)
    {
        if (_options.UnlockKeyFile is not { } keyFile)
        {
            return null;
        }

        string[] args = ["open", "-v", "--test-passphrase", "--key-file", keyFile, volume.Device];
        var result = await _runner.RunAsync(CryptSetup, args, null, cancellationToken).ConfigureAwait(false);
        var line = result.Stdout.Split('\n').FirstOrDefault(l => l.StartsWith("Key slot ", StringComparison.Ordinal));

        return line?.Split(' ')[2] is { } number && int.TryParse(number, out var slot) ? slot : null;
    }

    private static void RejectNul(string passphrase)
    {
        if (passphrase.Contains('\0'))
        {
            throw new ProviderException("encryption key must not contain a NUL byte");
        }
    }
}
