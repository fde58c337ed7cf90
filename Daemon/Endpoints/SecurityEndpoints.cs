using System.Text;
using IncusOs.Actors.Common;
using IncusOs.Actors.Security;
using IncusOs.Daemon.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IncusOs.Daemon.Endpoints;

/// <summary>
/// <c>/1.0/system/security</c> (security.md §2–§4). PUT and DELETE take the raw body as the passphrase,
/// every byte of it; an empty body (chunked or not) is refused with the reference's message.
/// </summary>
public static class SecurityEndpoints
{
    public static Task<ApiResult> GetAsync(ApiRequest request) =>
        request.AskAsync<SecurityActor>(SecurityActor.GetSecurity.Instance);

    public static async Task<ApiResult> PutAsync(ApiRequest request)
    {
        var body = await request.ReadRawAsync(RecoveryKeyRules.NoKey).ConfigureAwait(false);
        if (body.Error is not null)
        {
            return body.Error;
        }

        return await request.AskAsync<SecurityActor>(
            new SecurityActor.AddRecoveryKey(Passphrase(body.Value!)), SlotTimeout(request)).ConfigureAwait(false);
    }

    public static async Task<ApiResult> DeleteAsync(ApiRequest request)
    {
        var body = await request.ReadRawAsync(RecoveryKeyRules.NoKey).ConfigureAwait(false);
        if (body.Error is not null)
        {
            return body.Error;
        }

        return await request.AskAsync<SecurityActor>(
            new SecurityActor.RemoveRecoveryKey(Passphrase(body.Value!)), SlotTimeout(request)).ConfigureAwait(false);
    }

    /// <summary>Key slot changes may queue behind others and derive keys slowly: the hardware bound applies.</summary>
    public static TimeSpan SlotTimeout(ApiRequest request) =>
        request.Services.GetRequiredService<ActorTimeouts>().HardwareOperation;

    // Invalid UTF-8 becomes U+FFFD, as Go does when it writes the key back out as JSON.
    private static string Passphrase(byte[] body) => Encoding.UTF8.GetString(body);
}
