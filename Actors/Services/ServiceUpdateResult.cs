namespace IncusOs.Actors.Services;

/// <summary>The state to keep after an update procedure and, if it failed, why.</summary>
internal sealed record ServiceUpdateResult(ServicesState Stored, Exception? Failure);
