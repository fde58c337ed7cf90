using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IncusOs.Providers.Services;

/// <summary>
/// Initialises the local Incus over its unix socket with the REST API (applications.md §5.1). The
/// seed <c>incus.json</c> is read from the seed directory; YAML seeds and preseeds are refused with a
/// clear error rather than half-applied.
/// </summary>
public sealed class HostIncusDefaults : IIncusDefaults
{
    public const string DefaultSocket = "/var/lib/incus/unix.socket";

    private readonly string _socket;
    private readonly string _seedDirectory;

    public HostIncusDefaults(string socket, string seedDirectory)
    {
        _socket = socket;
        _seedDirectory = seedDirectory;
    }

    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        if (!ReadSeed())
        {
            return;
        }

        using var client = Client();
        var defaultProfile = await GetAsync(client, "/1.0/profiles/default", cancellationToken).ConfigureAwait(false);
        var devices = defaultProfile.Body["devices"]?.AsObject() ?? [];
        var pools = await GetAsync(client, "/1.0/storage-pools", cancellationToken).ConfigureAwait(false);
        var serverConfig = new JsonObject();
        if (pools.Body.AsArray().Count == 0)
        {
            await SendAsync(client, HttpMethod.Post, "/1.0/storage-pools", new JsonObject
            {
                ["name"] = "local",
                ["driver"] = "zfs",
                ["description"] = "Local storage pool (on system drive)",
                ["config"] = new JsonObject { ["source"] = "local/incus" },
            }, null, cancellationToken).ConfigureAwait(false);
            foreach (var (name, description) in new[]
                     {
                         ("backups", "Volume holding system backups"), ("images", "Volume holding system images"),
                     })
            {
                await SendAsync(client, HttpMethod.Post, "/1.0/storage-pools/local/volumes/custom", new JsonObject
                {
                    ["name"] = name,
                    ["type"] = "custom",
                    ["content_type"] = "filesystem",
                    ["description"] = description,
                }, null, cancellationToken).ConfigureAwait(false);
            }

            serverConfig["storage.backups_volume"] = "local/backups";
            serverConfig["storage.images_volume"] = "local/images";
            devices["root"] = new JsonObject { ["type"] = "disk", ["path"] = "/", ["pool"] = "local" };
        }

        var networks = await GetAsync(client, "/1.0/networks?recursion=1", cancellationToken).ConfigureAwait(false);
        if (!networks.Body.AsArray().Any(n => n?["managed"]?.GetValue<bool>() == true))
        {
            await SendAsync(client, HttpMethod.Post, "/1.0/networks", new JsonObject
            {
                ["name"] = "incusbr0",
                ["description"] = "Local network bridge (NAT)",
                ["config"] = new JsonObject(),
            }, null, cancellationToken).ConfigureAwait(false);
            devices["eth0"] = new JsonObject { ["type"] = "nic", ["network"] = "incusbr0", ["name"] = "eth0" };
        }

        var server = await GetAsync(client, "/1.0", cancellationToken).ConfigureAwait(false);
        var config = server.Body["config"]?.AsObject() ?? [];
        if (string.IsNullOrEmpty(config["core.https_address"]?.GetValue<string>()))
        {
            serverConfig["core.https_address"] = ":8443";
        }

        defaultProfile.Body["devices"] = devices.DeepClone();
        var profile = Writable(defaultProfile.Body.AsObject());
        await SendAsync(
            client, HttpMethod.Put, "/1.0/profiles/default", profile, defaultProfile.ETag, cancellationToken)
            .ConfigureAwait(false);
        foreach (var (key, value) in serverConfig)
        {
            config[key] = value?.DeepClone();
        }

        var update = new JsonObject { ["config"] = config.DeepClone() };
        await SendAsync(client, HttpMethod.Put, "/1.0", update, server.ETag, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the defaults are to be applied.</summary>
    private bool ReadSeed()
    {
        var json = Path.Combine(_seedDirectory, "incus.json");
        if (!File.Exists(json))
        {
            if (new[] { "incus.yaml", "incus.yml" }.Any(f => File.Exists(Path.Combine(_seedDirectory, f))))
            {
                throw new ProviderException(
                    "the incus seed is YAML, which this daemon cannot read yet; provide incus.json");
            }

            return true;
        }

        var seed = JsonNode.Parse(File.ReadAllText(json)) as JsonObject
            ?? throw new ProviderException($"{json} is not a JSON object");
        if (seed["preseed"] is { } preseed && preseed.GetValueKind() != JsonValueKind.Null)
        {
            throw new ProviderException("the incus seed has a preseed, which this daemon cannot apply yet");
        }

        return seed["apply_defaults"]?.GetValue<bool>() ?? false;
    }

    private static JsonObject Writable(JsonObject profile) => new()
    {
        ["description"] = profile["description"]?.DeepClone(),
        ["config"] = profile["config"]?.DeepClone(),
        ["devices"] = profile["devices"]?.DeepClone(),
    };

    private HttpClient Client()
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(_socket), cancellationToken)
                        .ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };

        return new HttpClient(handler) { BaseAddress = new Uri("http://incus") };
    }

    private static async Task<(JsonNode Body, string? ETag)> GetAsync(
        HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var response = await Send(client, new HttpRequestMessage(HttpMethod.Get, path), cancellationToken)
            .ConfigureAwait(false);
        var envelope = await Envelope(response, path, cancellationToken).ConfigureAwait(false);

        return (envelope["metadata"] ?? new JsonObject(), response.Headers.ETag?.Tag);
    }

    private static async Task SendAsync(
        HttpClient client,
        HttpMethod method,
        string path,
        JsonObject body,
        string? etag,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        using var response = await Send(client, request, cancellationToken).ConfigureAwait(false);
        await Envelope(response, path, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<HttpResponseMessage> Send(
        HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ProviderException($"cannot reach the local Incus: {ex.Message}", ex);
        }
        finally
        {
            request.Dispose();
        }
    }

    private static async Task<JsonNode> Envelope(
        HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var envelope = JsonNode.Parse(text) ?? new JsonObject();
        if (!response.IsSuccessStatusCode || envelope["type"]?.GetValue<string>() == "error")
        {
            var reason = envelope["error"]?.GetValue<string>() ?? response.ReasonPhrase;
            throw new ProviderException($"Incus refused {path}: {reason}");
        }

        return envelope;
    }
}
