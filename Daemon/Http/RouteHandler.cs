namespace IncusOs.Daemon.Http;

/// <summary>An endpoint: decode, validate, ask, map. No business logic.</summary>
public delegate Task<ApiResult> RouteHandler(ApiRequest request);
