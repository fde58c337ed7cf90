using IncusOs.Actors.Common;
using IncusOs.Actors.Services;
using IncusOs.Daemon.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IncusOs.Daemon.Endpoints;

/// <summary><c>/1.0/services</c> and <c>/1.0/services/{name}</c> (services.md §1).</summary>
public static class ServicesEndpoints
{
    public static Task<ApiResult> ListAsync(ApiRequest request) =>
        Task.FromResult(ApiResult.Sync(ServiceCatalog.Urls));

    public static Task<ApiResult> GetAsync(ApiRequest request) =>
        request.AskAsync<ServicesActor>(new ServicesActor.GetService(request.Param("name")!));

    /// <summary><c>PUT</c> (the code) and <c>POST</c> (the document): the whole config is replaced.</summary>
    public static Task<ApiResult> UpdateAsync(ApiRequest request) => request.Param("name") switch
    {
        "iscsi" => UpdateAsync<IscsiState, IscsiConfig>(request, "iscsi"),
        "lvm" => UpdateAsync<EmptyServiceState, LvmConfig>(request, "lvm"),
        "multipath" => UpdateAsync<MultipathState, MultipathConfig>(request, "multipath"),
        "nvme" => UpdateAsync<NvmeState, NvmeConfig>(request, "nvme"),
        "ovn" => UpdateAsync<EmptyServiceState, OvnConfig>(request, "ovn"),
        "usbip" => UpdateAsync<EmptyServiceState, UsbipConfig>(request, "usbip"),
        _ => Task.FromResult(ApiResult.NotFound()),
    };

    private static async Task<ApiResult> UpdateAsync<TState, TConfig>(ApiRequest request, string name)
        where TState : new()
        where TConfig : new()
    {
        var body = await request.ReadJsonAsync<ServiceDocument<TState, TConfig>>().ConfigureAwait(false);
        if (body.Error is not null)
        {
            return body.Error;
        }

        // An omitted or null config disables the service, as the reference's zero value does.
        var config = (object?)body.Value!.Config ?? new TConfig();
        var timeouts = request.Services.GetRequiredService<ActorTimeouts>();

        return await request.AskAsync<ServicesActor>(
            new ServicesActor.UpdateService(name, config), timeouts.HardwareOperation).ConfigureAwait(false);
    }
}
