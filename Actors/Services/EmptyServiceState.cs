namespace IncusOs.Actors.Services;

/// <summary>The <c>state</c> of a service that has none to show: always <c>{}</c>.</summary>
public sealed record EmptyServiceState;
