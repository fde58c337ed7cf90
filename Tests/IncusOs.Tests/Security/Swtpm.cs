using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IncusOs.Tests.Security;

/// <summary>
/// A software TPM 2.0 (<c>swtpm socket --tpm2</c>) on loopback with its state in a temporary
/// directory, started by the test and killed on dispose.
/// </summary>
internal sealed class Swtpm : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    public Swtpm()
    {
        _directory = Directory.CreateTempSubdirectory("incus-sec-swtpm-").FullName;
        Port = FreePortPair();
        var control = Port + 1;
        var info = new ProcessStartInfo("swtpm") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
                 {
                     "socket", "--tpm2", "--tpmstate", $"dir={_directory}",
                     "--server", $"type=tcp,port={Port},bindaddr=127.0.0.1",
                     "--ctrl", $"type=tcp,port={control},bindaddr=127.0.0.1",
                     "--flags", "not-need-init,startup-clear",
                 })
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info)!;
        WaitUntilListening();
    }

    public int Port { get; }

    /// <summary>The TCTI string for tpm2-tools and systemd-cryptenroll.</summary>
    public string Device => $"swtpm:host=127.0.0.1,port={Port}";

    /// <summary>PCR7 of the SHA-256 bank, read with <c>tpm2_pcrread</c>, lower-case hex.</summary>
    public string ReadPcr7()
    {
        var output = LuksFiles.Run("tpm2_pcrread", "-T", Device, "sha256:7");
        var value = output.Split("0x", 2)[1].Trim();

        return value.ToLowerInvariant();
    }

    public void ExtendPcr7(string digestHex) =>
        LuksFiles.Run("tpm2_pcrextend", "-T", Device, $"7:sha256={digestHex}");

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private void WaitUntilListening()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);

                return;
            }
            catch (SocketException)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException("swtpm exited: " + _process.StandardError.ReadToEnd());
                }

                Thread.Sleep(50);
            }
        }

        throw new InvalidOperationException("swtpm did not start listening");
    }

    /// <summary>The swtpm TCTI expects the control channel on the port after the server's.</summary>
    private static int FreePortPair()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var first = new TcpListener(IPAddress.Loopback, 0);
            first.Start();
            var port = ((IPEndPoint)first.LocalEndpoint).Port;
            try
            {
                using var second = new TcpListener(IPAddress.Loopback, port + 1);
                second.Start();

                return port;
            }
            catch (SocketException)
            {
                // The next port is taken; try another pair.
            }
        }

        throw new InvalidOperationException("no free pair of loopback ports");
    }
}
