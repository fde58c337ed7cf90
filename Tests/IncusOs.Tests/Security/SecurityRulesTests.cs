using IncusOs.Actors.Common;
using IncusOs.Actors.Security;

namespace IncusOs.Tests.Security;

/// <summary>The pure parts of the security actor: request checks, volume state strings, state transitions.</summary>
public sealed class SecurityRulesTests
{
    [Theory]
    [InlineData("", "no encryption key provided")]
    [InlineData("a", "provided encryption key is already enrolled")]
    [InlineData("c", null)]
    [InlineData("a\n", null)]
    public void CheckAdd_Table_MatchesTheReference(string passphrase, string? message)
    {
        var rejection = RecoveryKeyRules.CheckAdd(["a", "b"], passphrase);

        Assert.Equal(message is null ? null : Rejection.BadRequest(message), rejection);
    }

    [Theory]
    [InlineData(new[] { "a", "b" }, "", "no encryption key provided")]
    [InlineData(new[] { "a", "b" }, "c", "provided encryption key is not enrolled")]
    [InlineData(new[] { "a" }, "a", "cannot remove only existing recovery key")]
    [InlineData(new[] { "a" }, "b", "provided encryption key is not enrolled")]
    [InlineData(new[] { "a", "b" }, "a", null)]
    public void CheckRemove_Table_MatchesTheReference(string[] keys, string passphrase, string? message)
    {
        var rejection = RecoveryKeyRules.CheckRemove(keys, passphrase);

        Assert.Equal(message is null ? null : Rejection.BadRequest(message), rejection);
    }

    [Theory]
    [InlineData(false, false, "ok", "locked")]
    [InlineData(true, true, "pending PCR7 update", "unlocked (TPM)")]
    [InlineData(true, false, "pending PCR7 update", "unlocked (TPM; PCR update pending)")]
    [InlineData(true, false, "ok", "unlocked (recovery passphrase)")]
    [InlineData(true, false, "open /sys/kernel/security/tpm0/binary_bios_measurements: no such file or directory",
        "unlocked (recovery passphrase)")]
    public void VolumeState_Table_MatchesSpec(bool active, bool tpmUnlocks, string tpmStatus, string expected)
    {
        var state = VolumeStates.Of(active, tpmUnlocks, tpmStatus);

        Assert.Equal(expected, state);
    }

    [Fact]
    public void SecurityState_Transitions_RetrievedFollowsTheRules()
    {
        var generated = SecurityState.Empty.WithGeneratedKey("k");

        var retrieved = generated.MarkRetrieved();
        var added = retrieved.WithKeys(["k", "user"]);
        var pool = added.MarkUnretrieved();

        Assert.False(generated.Retrieved);
        Assert.True(retrieved.Retrieved);
        Assert.Same(retrieved, retrieved.MarkRetrieved());
        Assert.True(added.Retrieved);
        Assert.Equal(["k", "user"], pool.RecoveryKeys);
        Assert.False(pool.Retrieved);
        Assert.DoesNotContain("user", pool.ToString());
    }
}
