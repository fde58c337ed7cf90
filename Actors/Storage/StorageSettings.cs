namespace IncusOs.Actors.Storage;

/// <summary>Where the storage actor keeps its state file (<c>STATE/storage.json</c>).</summary>
public sealed record StorageSettings(string StateFile);
