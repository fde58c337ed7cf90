using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IncusOs.Bench;

/// <summary>
/// The floor the daemon is measured against: a bare Kestrel app on a unix socket that answers each
/// path with fixed envelope bytes (those the daemon gave for it), with no actor and no provider.
/// Run as <c>incus-osd-bench floor SOCKET [PATH=FILE ...]</c> so it is a process of its own.
/// </summary>
public static class FloorApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var socket = args[0];
        var bodies = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var pair in args.Skip(1))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            bodies[pair[..eq]] = await File.ReadAllBytesAsync(pair[(eq + 1)..]);
        }

        var fallback = Encoding.UTF8.GetBytes(
            "{\"type\":\"error\",\"status\":\"\",\"status_code\":0,\"operation\":\"\",\"error_code\":404," +
            "\"error\":\"not found\",\"metadata\":null}\n");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.ListenUnixSocket(socket);
        });
        var app = builder.Build();
        app.Run(context =>
        {
            var found = bodies.TryGetValue(context.Request.Path.Value ?? "/", out var body);
            context.Response.StatusCode = found ? 200 : 404;
            context.Response.ContentType = "application/json";
            var bytes = found ? body! : fallback;
            context.Response.ContentLength = bytes.Length;

            return context.Response.Body.WriteAsync(bytes).AsTask();
        });
        await app.RunAsync();

        return 0;
    }
}
