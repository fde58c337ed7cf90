using IncusOs.Actors.Machine;
using IncusOs.Actors.Security;
using IncusOs.Daemon.Http;
using IncusOs.Providers.Machine;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;

namespace IncusOs.Daemon.Endpoints;

/// <summary><c>PUT /1.0/system</c>: the system actions of system.md §3.</summary>
public static class SystemEndpoints
{
    public static async Task<ApiResult> PutAsync(ApiRequest request)
    {
        var body = await request.ReadJsonAsync<SystemActionRequest>().ConfigureAwait(false);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var action = body.Value!.Action ?? string.Empty;
        return action switch
        {
            "shutdown" or "poweroff" => await request.AskAsync<SystemActor>(
                new SystemActor.PerformPowerAction(PowerAction.PowerOff)).ConfigureAwait(false),
            "reboot" => await request.AskAsync<SystemActor>(
                new SystemActor.PerformPowerAction(PowerAction.Reboot)).ConfigureAwait(false),
            "reset_encryption_bindings" => await request.AskAsync<SecurityActor>(
                    SecurityActor.ResetEncryptionBindings.Instance, SecurityEndpoints.SlotTimeout(request))
                .ConfigureAwait(false),
            _ => ApiResult.Error(StatusCodes.Status400BadRequest, $"invalid action {JsonConvert.ToString(action)}"),
        };
    }

    /// <summary>The body of <c>PUT /1.0/system</c>.</summary>
    public sealed class SystemActionRequest
    {
        [JsonProperty("action")]
        public string? Action { get; set; }
    }
}
