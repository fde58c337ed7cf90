using IncusOs.Actors.Common;
using IncusOs.Actors.Storage;
using IncusOs.Daemon.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IncusOs.Daemon.Endpoints;

/// <summary>
/// <c>/1.0/system/storage</c> (GET, PUT, DELETE) and <c>POST /1.0/system/storage/wipe</c>
/// (storage.md §2-§5). Mutations wait for their turn at the storage actor, bounded by the hardware
/// operation timeout rather than the default ask timeout.
/// </summary>
public static class StorageEndpoints
{
    private const string NoPools = "no ZFS pool configuration provided";
    private const string NoDrive = "no drive specified";

    public static Task<ApiResult> GetAsync(ApiRequest request) =>
        request.AskAsync<StorageActor>(StorageActor.GetStorage.Instance);

    public static async Task<ApiResult> PutAsync(ApiRequest request)
    {
        var body = await ReadPoolsAsync(request).ConfigureAwait(false);
        if (body.Error is not null)
        {
            return body.Error;
        }

        return await AskHardwareAsync(request, new StorageActor.ApplyPools(body.Value!)).ConfigureAwait(false);
    }

    public static async Task<ApiResult> DeleteAsync(ApiRequest request)
    {
        var body = await ReadPoolsAsync(request).ConfigureAwait(false);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var names = body.Value!.Select(pool => pool.Name).ToList();

        return await AskHardwareAsync(request, new StorageActor.DestroyPools(names)).ConfigureAwait(false);
    }

    public static async Task<ApiResult> WipeAsync(ApiRequest request)
    {
        var body = await request.ReadJsonAsync<SystemStorageWipe>(NoDrive).ConfigureAwait(false);
        if (body.Error is not null)
        {
            return body.Error;
        }

        if (string.IsNullOrEmpty(body.Value!.Id))
        {
            return ApiResult.Error(StatusCodes.Status400BadRequest, NoDrive);
        }

        return await AskHardwareAsync(request, new StorageActor.WipeDrive(body.Value.Id)).ConfigureAwait(false);
    }

    private static async Task<BodyResult<IReadOnlyList<SystemStoragePool>>> ReadPoolsAsync(ApiRequest request)
    {
        var body = await request.ReadJsonAsync<SystemStorage>(NoPools).ConfigureAwait(false);
        if (body.Error is not null)
        {
            return BodyResult<IReadOnlyList<SystemStoragePool>>.Fail(body.Error);
        }

        var pools = body.Value!.Config?.Pools;

        return pools is { Count: > 0 }
            ? BodyResult<IReadOnlyList<SystemStoragePool>>.Ok(pools)
            : BodyResult<IReadOnlyList<SystemStoragePool>>.Fail(
                ApiResult.Error(StatusCodes.Status400BadRequest, NoPools));
    }

    // The client may leave; the actor still completes the operation and logs it.
    private static Task<ApiResult> AskHardwareAsync(ApiRequest request, object message) =>
        request.AskAsync<StorageActor>(message, request.Services.GetRequiredService<ActorTimeouts>().HardwareOperation);
}
