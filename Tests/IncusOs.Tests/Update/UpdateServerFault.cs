namespace IncusOs.Tests.Update;

/// <summary>What the test update server does wrong, on purpose.</summary>
public enum UpdateServerFault
{
    None,

    /// <summary>Every request answers 500.</summary>
    ServerError,

    /// <summary>Asset downloads answer 500; the index is fine.</summary>
    AssetServerError,

    /// <summary>Asset connections are reset after half the body.</summary>
    AssetReset,

    /// <summary>Asset bodies end cleanly after half their bytes (chunked, so nothing tells the client).</summary>
    AssetTruncated,

    /// <summary>The index lists a wrong sha256 for every file.</summary>
    WrongSha256,

    /// <summary>The index is signed by a certificate from another CA.</summary>
    WrongSignature,

    /// <summary>Asset bodies stall after their first bytes for longer than the client waits.</summary>
    AssetStall,

    /// <summary>The first two index requests are reset before any answer (a flaky network).</summary>
    IndexResetTwice,
}
