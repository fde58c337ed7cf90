using System.Text;
using IncusOs.Providers.Process;

namespace IncusOs.Providers.Update;

/// <summary>
/// Checks an S/MIME signed document against a CA with <c>openssl smime -verify -text -CAfile FILE</c>
/// (the document on stdin, the verified content on stdout), as the reference does.
/// </summary>
public sealed class SmimeVerifier
{
    private readonly IProcessRunner _runner;

    public SmimeVerifier(IProcessRunner runner)
    {
        _runner = runner;
    }

    /// <summary>Returns the signed content; a bad signature or an untrusted signer throws.</summary>
    public async Task<string> VerifyAsync(byte[] signed, string caPem, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(caPem))
        {
            throw new ProviderException("no update CA configured: cannot verify the signature of the index");
        }

        var caFile = Path.Combine(Path.GetTempPath(), $"incus-osd-update-ca-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(caFile, caPem, Encoding.ASCII, cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await _runner.RunAsync(
                "openssl",
                ["smime", "-verify", "-text", "-CAfile", caFile],
                new ProcessOptions { Stdin = signed },
                cancellationToken).ConfigureAwait(false);

            return result.Stdout;
        }
        finally
        {
            File.Delete(caFile);
        }
    }
}
