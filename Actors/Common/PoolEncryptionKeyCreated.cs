namespace IncusOs.Actors.Common;

/// <summary>
/// Published on the event stream by the storage actor after it created a pool's encryption key file: the
/// security actor then marks the recovery keys as not yet retrieved (storage.md §3.1).
/// </summary>
public sealed record PoolEncryptionKeyCreated(string Pool);
