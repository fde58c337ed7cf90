using IncusOs.Actors.Common;

namespace IncusOs.Actors.Security;

/// <summary>The checks of <c>PUT</c> and <c>DELETE /1.0/system/security</c>, with the reference's messages.</summary>
public static class RecoveryKeyRules
{
    public const string NoKey = "no encryption key provided";
    public const string AlreadyEnrolled = "provided encryption key is already enrolled";
    public const string NotEnrolled = "provided encryption key is not enrolled";
    public const string OnlyKey = "cannot remove only existing recovery key";

    public static Rejection? CheckAdd(IReadOnlyList<string> keys, string passphrase) =>
        passphrase.Length == 0 ? Rejection.BadRequest(NoKey)
        : keys.Contains(passphrase, StringComparer.Ordinal) ? Rejection.BadRequest(AlreadyEnrolled)
        : null;

    public static Rejection? CheckRemove(IReadOnlyList<string> keys, string passphrase) =>
        passphrase.Length == 0 ? Rejection.BadRequest(NoKey)
        : !keys.Contains(passphrase, StringComparer.Ordinal) ? Rejection.BadRequest(NotEnrolled)
        : keys.Count == 1 ? Rejection.BadRequest(OnlyKey)
        : null;
}
