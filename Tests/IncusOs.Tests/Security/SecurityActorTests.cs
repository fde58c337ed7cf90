using Akka.Actor;
using Akka.Hosting;
using IncusOs.Actors.Common;
using IncusOs.Actors.Machine;
using IncusOs.Actors.Security;
using IncusOs.Actors.Supervision;
using IncusOs.Providers.Machine;
using IncusOs.Providers.Security;
using IncusOs.Providers.Simulation;
using IncusOs.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;

namespace IncusOs.Tests.Security;

public sealed class SecurityActorTests : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly string _state = Directory.CreateTempSubdirectory("incus-sec-actor-").FullName;
    private readonly SimulatedMachine _machine;
    private readonly SimulatedSecurityMachine _security;

    public SecurityActorTests()
    {
        _machine = SimulatedMachine.OpenOrCreate(_state);
        _security = new SimulatedSecurityMachine(_machine);
    }

    private string StateFile => Path.Combine(_state, "security-state.json");

    [Fact]
    public async Task FirstStart_NoKeys_EnrolsOneKeyOnBothVolumesNotYetRetrieved()
    {
        var actor = Start();

        var first = await GetAsync(actor);

        var key = Assert.Single(first.Config.EncryptionRecoveryKeys!);
        Assert.Matches("^[cbdefghijklnrtuv]{8}(-[cbdefghijklnrtuv]{8}){7}$", key);
        Assert.True(first.State.EncryptionRecoveryKeysRetrieved);
        Assert.All(await _security.DiscoverAsync(CancellationToken.None), v => Assert.True(_security.Opens(v, key)));
        Assert.Equal(
            [
                new EncryptedVolume("root", VolumeStates.UnlockedByTpm),
                new EncryptedVolume("swap", VolumeStates.UnlockedByTpm),
            ],
            first.State.EncryptedVolumes);
        Assert.Equal("ok", first.State.TpmStatus);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(StateFile));
    }

    [Fact]
    public async Task Restart_KeysPersisted_NoSecondKeyGenerated()
    {
        var actor = Start();
        var key = Assert.Single((await GetAsync(actor)).Config.EncryptionRecoveryKeys!);
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor, Wait);

        var again = await GetAsync(Start());

        Assert.Equal([key], again.Config.EncryptionRecoveryKeys);
    }

    [Theory]
    [InlineData("remove", "first")]
    [InlineData("add", "third")]
    public async Task Start_ChangeCutShort_FinishedSoEveryListedKeyOpensEveryVolume(string operation, string key)
    {
        var actor = Start();
        await GetAsync(actor);
        await AddAsync(actor, "first");
        await AddAsync(actor, "second");
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor, Wait);
        // A crash right after the change was written down, before any slot work.
        var state = JObject.Parse(File.ReadAllText(StateFile));
        state["pending_change"] = new JObject { ["operation"] = operation, ["key"] = key };
        File.WriteAllText(StateFile, state.ToString());

        var keys = (await GetAsync(Start())).Config.EncryptionRecoveryKeys!;

        Assert.Equal(operation == "remove", !keys.Contains(key));
        Assert.Contains("second", keys);
        foreach (var volume in await _security.DiscoverAsync(CancellationToken.None))
        {
            Assert.All(keys, k => Assert.True(_security.Opens(volume, k), $"{volume.Device} with {k}"));
            Assert.Equal(operation == "add", _security.Opens(volume, key));
        }

        Assert.DoesNotContain("pending_change", File.ReadAllText(StateFile));
    }

    [Fact]
    public async Task AddRecoveryKey_Twice_SlotOperationsSerializedAndBothListedInOrder()
    {
        var gated = new GatedVolumes(_security);
        var actor = Start(gated);
        await GetAsync(actor);
        gated.Close();

        actor.Tell(new SecurityActor.AddRecoveryKey("first"), TestActor);
        actor.Tell(new SecurityActor.AddRecoveryKey("second"), TestActor);
        await AwaitConditionAsync(() => Task.FromResult(gated.EnrolmentsStarted >= 1), Wait);
        var during = await GetAsync(actor);
        gated.Open();

        await ExpectMsgAsync<Done>(Wait);
        await ExpectMsgAsync<Done>(Wait);
        Assert.Single(during.Config.EncryptionRecoveryKeys!);
        Assert.Equal(1, gated.MaxConcurrent);
        var keys = (await GetAsync(actor)).Config.EncryptionRecoveryKeys!;
        Assert.Equal(["first", "second"], keys.Skip(1));
    }

    [Theory]
    [InlineData("", RecoveryKeyRules.NoKey)]
    [InlineData("unknown", RecoveryKeyRules.NotEnrolled)]
    public async Task RemoveRecoveryKey_BadInput_RejectedWithTheReferenceMessage(string passphrase, string message)
    {
        var actor = Start();
        await GetAsync(actor);

        actor.Tell(new SecurityActor.RemoveRecoveryKey(passphrase), TestActor);

        var rejection = await ExpectMsgAsync<Rejection>(Wait);
        Assert.Equal(new Rejection(ErrorKind.BadRequest, message), rejection);
    }

    [Fact]
    public async Task RemoveRecoveryKey_OnlyKey_RefusedAndStillOpensBothVolumes()
    {
        var actor = Start();
        var key = Assert.Single((await GetAsync(actor)).Config.EncryptionRecoveryKeys!);

        actor.Tell(new SecurityActor.RemoveRecoveryKey(key), TestActor);

        Assert.Equal(Rejection.BadRequest(RecoveryKeyRules.OnlyKey), await ExpectMsgAsync<Rejection>(Wait));
        Assert.All(await _security.DiscoverAsync(CancellationToken.None), v => Assert.True(_security.Opens(v, key)));
    }

    [Fact]
    public async Task AddRecoveryKey_Duplicate_RejectedAndNoSlotAdded()
    {
        var actor = Start();
        var key = Assert.Single((await GetAsync(actor)).Config.EncryptionRecoveryKeys!);
        var root = (await _security.DiscoverAsync(CancellationToken.None))[0];
        var slots = await _security.ListSlotsAsync(root, CancellationToken.None);

        actor.Tell(new SecurityActor.AddRecoveryKey(key), TestActor);

        Assert.Equal(Rejection.BadRequest(RecoveryKeyRules.AlreadyEnrolled), await ExpectMsgAsync<Rejection>(Wait));
        Assert.Equal(slots, await _security.ListSlotsAsync(root, CancellationToken.None));
    }

    [Fact]
    public async Task RemoveRecoveryKey_Succeeds_RemovedKeyGoneEverywhereOthersStillOpen()
    {
        var actor = Start();
        var auto = Assert.Single((await GetAsync(actor)).Config.EncryptionRecoveryKeys!);
        await AddAsync(actor, "a");
        await AddAsync(actor, "b");

        actor.Tell(new SecurityActor.RemoveRecoveryKey("a"), TestActor);

        await ExpectMsgAsync<Done>(Wait);
        var keys = (await GetAsync(actor)).Config.EncryptionRecoveryKeys!;
        Assert.Equal([auto, "b"], keys);
        foreach (var volume in await _security.DiscoverAsync(CancellationToken.None))
        {
            Assert.False(_security.Opens(volume, "a"));
            Assert.All(keys, k => Assert.True(_security.Opens(volume, k)));
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public async Task RemoveRecoveryKey_SlotChangeFailsHalfWay_EveryListedKeyStillOpensEveryVolume(int failAfter)
    {
        var actor = Start();
        await GetAsync(actor);
        await AddAsync(actor, "a");
        await AddAsync(actor, "b");
        _security.Update(d => d with { Faults = new SimulatedSecurityFaults { FailSlotChangeAfter = failAfter } });

        actor.Tell(new SecurityActor.RemoveRecoveryKey("a"), TestActor);

        var rejection = await ExpectMsgAsync<Rejection>(Wait);
        Assert.StartsWith("simulated fault", rejection.Message);
        var keys = (await GetAsync(actor)).Config.EncryptionRecoveryKeys!;
        Assert.Contains("b", keys);
        foreach (var volume in await _security.DiscoverAsync(CancellationToken.None))
        {
            Assert.All(keys, k => Assert.True(_security.Opens(volume, k), $"{k} does not open {volume.Name}"));
        }
    }

    [Fact]
    public async Task ResetEncryptionBindings_AllVolumesUnlock_Refused()
    {
        var actor = Start();
        await GetAsync(actor);

        actor.Tell(SecurityActor.ResetEncryptionBindings.Instance, TestActor);

        var rejection = await ExpectMsgAsync<Rejection>(Wait);
        Assert.Equal(
            Rejection.Internal(
                "refusing to reset TPM encryption bindings because current state can unlock all volumes"),
            rejection);
    }

    [Fact]
    public async Task ResetEncryptionBindings_SecureBootDisabled_Refused()
    {
        var actor = Start();
        await GetAsync(actor);
        _machine.Update(d => d with { SecureBoot = new SimulatedSecureBoot { Enabled = false } });

        actor.Tell(SecurityActor.ResetEncryptionBindings.Instance, TestActor);

        var rejection = await ExpectMsgAsync<Rejection>(Wait);
        Assert.Equal(
            Rejection.Internal("refusing to reset TPM encryption bindings because Secure Boot is disabled"), rejection);
    }

    [Fact]
    public async Task ResetEncryptionBindings_AfterPcr7Change_ResealsThenAsksTheSystemToReboot()
    {
        var system = CreateTestProbe();
        ActorRegistry.For(Sys).Register<SystemActor>(system.Ref);
        var actor = Start();
        await GetAsync(actor);
        ChangeDbxAndReboot();
        var restarted = Start(name: "security-after-boot");
        var before = await GetAsync(restarted);

        restarted.Tell(SecurityActor.ResetEncryptionBindings.Instance, TestActor);

        var reboot = await system.ExpectMsgAsync<SystemActor.PerformPowerAction>(Wait);
        Assert.Equal(PowerAction.Reboot, reboot.Action);
        system.Reply(Done.Instance);
        await ExpectMsgAsync<Done>(Wait);
        Assert.All(before.State.EncryptedVolumes, v => Assert.Equal(VolumeStates.UnlockedByPassphrase, v.State));
        foreach (var volume in await _security.DiscoverAsync(CancellationToken.None))
        {
            Assert.True(await _security.CanUnlockWithTpmAsync(volume, CancellationToken.None));
        }
    }

    [Fact]
    public async Task ResetEncryptionBindings_ActorRestartedByTheReboot_ClientStillAnswered()
    {
        var system = CreateTestProbe();
        ActorRegistry.For(Sys).Register<SystemActor>(system.Ref);
        await GetAsync(Start());
        ChangeDbxAndReboot();
        var (root, actor) = await SupervisedArea.StartAsync<SecurityActor>(this, SecurityProps(), "security");
        await GetAsync(actor);

        actor.Tell(SecurityActor.ResetEncryptionBindings.Instance, TestActor);
        await system.ExpectMsgAsync<SystemActor.PerformPowerAction>(Wait);
        // The simulated reboot restarts every area before the security actor hears that the system
        // accepted the reboot.
        root.Tell(RootSupervisor.RestartAreas.Instance);
        await GetAsync(actor);
        system.Reply(Done.Instance);

        await ExpectMsgAsync<Done>(Wait);
    }

    [Fact]
    public async Task PoolEncryptionKeyCreated_AfterRetrieval_KeysNotRetrievedAgain()
    {
        var actor = Start();
        await GetAsync(actor);

        Sys.EventStream.Publish(new PoolEncryptionKeyCreated("local"));

        await AwaitAssertAsync(
            () => Assert.Contains("\"encryption_recovery_keys_retrieved\": false", File.ReadAllText(StateFile)),
            Wait);
    }

    private IActorRef Start(IEncryptedVolumes? volumes = null, string? name = null)
    {
        var props = SecurityProps(volumes);

        return name is null ? Sys.ActorOf(props) : Sys.ActorOf(props, name);
    }

    private Props SecurityProps(IEncryptedVolumes? volumes = null) =>
        Props.Create(() => new SecurityActor(
            _security,
            _security,
            volumes ?? _security,
            new PoolKeyDirectory(_state),
            new ActorTimeouts(),
            new SecurityActorSettings(StateFile),
            NullLoggerFactory.Instance));

    private async Task<SystemSecurity> GetAsync(IActorRef actor)
    {
        var reply = await actor.Ask<object>(SecurityActor.GetSecurity.Instance, Wait);

        return Assert.IsType<SystemSecurity>(reply);
    }

    private async Task AddAsync(IActorRef actor, string passphrase)
    {
        var reply = await actor.Ask<object>(new SecurityActor.AddRecoveryKey(passphrase), Wait);
        Assert.IsType<Done>(reply);
    }

    private void ChangeDbxAndReboot()
    {
        _security.Update(d =>
        {
            var dbx = Convert.FromBase64String(d.Variables["dbx"]);
            var extra = EfiSignatureListWriter.Write(EfiSignature.Sha256, d.Owner, [new byte[32]]);

            return d with
            {
                Variables = new Dictionary<string, string>(d.Variables)
                {
                    ["dbx"] = Convert.ToBase64String([.. dbx, .. extra]),
                },
            };
        });
        _machine.RecordBoot();
    }

    public new void Dispose()
    {
        base.Dispose();
        Directory.Delete(_state, recursive: true);
    }
}
