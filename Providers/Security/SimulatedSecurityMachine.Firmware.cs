namespace IncusOs.Providers.Security;

/// <summary>Secure Boot and the TPM of the simulated machine.</summary>
public sealed partial class SimulatedSecurityMachine
{
    private const string HostEventLog = "/sys/kernel/security/tpm0/binary_bios_measurements";
    private const string HostPcr7 = "/sys/class/tpm/tpm0/pcr-sha256/7";

    public Task<bool> IsEnabledAsync(CancellationToken cancellationToken) =>
        Task.FromResult(_machine.Document.SecureBoot.Enabled);

    public Task<IReadOnlyList<SecureBootCertificate>> GetCertificatesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SecureBootCertificate>>(Read(document =>
            EfiVariableNames.Databases
                .SelectMany(v => SecureBootCertificates.FromVariable(
                    v.Name, SimulatedFirmware.Variable(document, v.Name, secureBoot: true)))
                .ToList()));

    public Task<string> GetStatusAsync(CancellationToken cancellationToken)
    {
        if (!_machine.Document.Tpm.Present)
        {
            return Task.FromResult($"open {HostEventLog}: no such file or directory");
        }

        var status = Read(document =>
        {
            try
            {
                var secureBoot = _machine.Document.SecureBoot.Enabled;
                var log = TcgEventLog.Parse(Convert.FromBase64String(document.EventLog));
                var signer = Convert.FromBase64String(document.BootSigner);
                var db = SimulatedFirmware.Variable(document, "db", secureBoot);

                return TpmStatus.Evaluate(
                    log,
                    document.Pcr7,
                    v => SimulatedFirmware.Variable(document, v.Name, secureBoot),
                    Pcr7.AuthoritySubstitution(signer, db));
            }
            catch (ProviderException ex)
            {
                return ex.Message;
            }
        });

        return Task.FromResult(status);
    }

    public Task<string> ReadPcr7Async(CancellationToken cancellationToken)
    {
        if (!_machine.Document.Tpm.Present)
        {
            throw new ProviderException($"open {HostPcr7}: no such file or directory");
        }

        return Task.FromResult(Read(document => document.Pcr7));
    }

    /// <summary>The simulated UKI always carries its key; there is nothing to extract.</summary>
    public Task InstallPcrPublicKeyAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
