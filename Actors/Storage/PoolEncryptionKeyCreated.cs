namespace IncusOs.Actors.Storage;

/// <summary>
/// Published on the event stream after a pool was created with a new key file: a secret now exists
/// that the user has not fetched, so the security area marks its recovery keys as not retrieved.
/// </summary>
public sealed record PoolEncryptionKeyCreated(string Pool);
