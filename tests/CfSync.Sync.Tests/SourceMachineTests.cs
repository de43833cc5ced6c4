using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Core.Tunnels;
using CfSync.Sync.Entities;
using CfSync.Sync.Sources;

namespace CfSync.Sync.Tests;

public sealed class SourceMachineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SyncOptions Options = new() { TombstoneRetention = TimeSpan.FromHours(24) };
    private static readonly Source Ingress = new("Ingress", "shop", "web");
    private static readonly ResourceIdentity TunnelA = new(ResourceType.TunnelConfiguration, "tunnel-a");
    private static readonly ResourceIdentity TunnelB = new(ResourceType.TunnelConfiguration, "tunnel-b");
    private static readonly ResourceIdentity Dns = new(ResourceType.DNSRecord, NaturalKeys.DnsRecord("CNAME", "shop.example.com"));

    private readonly SourceMachine machine = new(Options);
    private readonly SourceState state = new();

    private static SourceContribution Rules(ResourceIdentity resource, string host) =>
        new(resource, new ResourceScope("acct")) { Fragment = new IngressRulesFragment([new IngressRule(host, null, "http://web.shop.svc:80")]) };

    private static SourceContribution Rejected(ResourceIdentity resource, string reason) => new(resource, new ResourceScope("acct")) { Reasons = [reason] };

    private static SourceTranslation Translation(string uid, string resourceVersion, params SourceContribution[] contributions) =>
        new(Ingress, uid, resourceVersion, contributions);

    private SourceEffects Apply(SourceTranslation translation, double seconds = 0) => machine.Apply(state, translation, T0.AddSeconds(seconds));

    private SourceEffects Delete(string uid, string resourceVersion, double seconds = 0) =>
        machine.Delete(state, new SourceDeletion(Ingress, uid, resourceVersion), T0.AddSeconds(seconds));

    private static List<(ResourceIdentity Resource, string Operation)> Sent(SourceEffects effects) =>
        effects.Signals.Select(s => (s.Resource, s.Operation)).ToList();

    [Fact]
    public void A_first_translation_registers_every_contribution_and_remembers_each_resource()
    {
        var effects = Apply(Translation("u1", "10", Rules(TunnelA, "shop.example.com"), Rules(Dns, "shop.example.com")));

        Assert.Equal([(TunnelA, nameof(CloudflareResourceEntity.RegisterConfig)), (Dns, nameof(CloudflareResourceEntity.RegisterConfig))], Sent(effects));
        var registration = (SourceRegistration)effects.Signals[0].Input;
        Assert.Equal(Ingress, registration.Source);
        Assert.Equal(new SourceVersion("u1", T0.ToUnixTimeMilliseconds()) { SentAt = T0 }, registration.Version);
        Assert.Equal(new ResourceScope("acct"), registration.Scope);
        Assert.Equal([ResourceEntityKey.Format(Dns), ResourceEntityKey.Format(TunnelA)], state.Fed.Keys);
        Assert.All(state.Fed.Values, f => Assert.StartsWith("sha256:", f.Hash, StringComparison.Ordinal));
        Assert.Equal(("u1", "10", false), (state.Uid, state.ResourceVersion, state.Deleted));
    }

    [Theory]
    [InlineData("10")]
    [InlineData("9")]
    public void A_duplicate_or_stale_delivery_changes_nothing(string resourceVersion)
    {
        Apply(Translation("u1", "10", Rules(TunnelA, "shop.example.com")));
        var effects = Apply(Translation("u1", resourceVersion, Rules(TunnelB, "other.example.com")), 1);

        Assert.Empty(effects.Signals);
        Assert.Equal(SourceNoticeKind.Ignored, Assert.Single(effects.Notices).Kind);
        Assert.Equal([ResourceEntityKey.Format(TunnelA)], state.Fed.Keys);
        Assert.Equal("10", state.ResourceVersion);
    }

    [Fact]
    public void Unchanged_contributions_send_nothing_and_a_changed_one_only_its_own()
    {
        Apply(Translation("u1", "10", Rules(TunnelA, "shop.example.com"), Rules(Dns, "shop.example.com")));
        Assert.Empty(Apply(Translation("u1", "11", Rules(TunnelA, "shop.example.com"), Rules(Dns, "shop.example.com")), 1).Signals);

        var effects = Apply(Translation("u1", "12", Rules(TunnelA, "new.example.com"), Rules(Dns, "shop.example.com")), 2);
        Assert.Equal([(TunnelA, nameof(CloudflareResourceEntity.RegisterConfig))], Sent(effects));
        Assert.Equal("12", state.ResourceVersion);
    }

    [Fact]
    public void A_moved_ingress_registers_with_the_new_tunnel_and_unregisters_from_the_old()
    {
        Apply(Translation("u1", "10", Rules(TunnelA, "shop.example.com")));
        var effects = Apply(Translation("u1", "11", Rules(TunnelB, "shop.example.com")), 1);

        Assert.Equal([(TunnelB, nameof(CloudflareResourceEntity.RegisterConfig)), (TunnelA, nameof(CloudflareResourceEntity.UnregisterConfig))], Sent(effects));
        var versions = effects.Signals.Select(s => s.Input switch { SourceRegistration r => r.Version, SourceRemoval r => r.Version, _ => null }).Distinct().ToList();
        Assert.Equal([new SourceVersion("u1", T0.AddSeconds(1).ToUnixTimeMilliseconds()) { SentAt = T0.AddSeconds(1) }], versions);
        Assert.Equal([ResourceEntityKey.Format(TunnelB)], state.Fed.Keys);
    }

    [Fact]
    public void A_rejection_replaces_the_registration()
    {
        Apply(Translation("u1", "10", Rules(TunnelA, "shop.example.com")));
        var effects = Apply(Translation("u1", "11", Rejected(TunnelA, "Ingress/shop/web: spec.rules[0].host: not a DNS name")), 1);

        var signal = Assert.Single(effects.Signals);
        Assert.Equal(nameof(CloudflareResourceEntity.RejectConfig), signal.Operation);
        Assert.Equal(["Ingress/shop/web: spec.rules[0].host: not a DNS name"], ((SourceRejection)signal.Input).Reasons);
        Assert.True(state.Fed[ResourceEntityKey.Format(TunnelA)].Rejected);
    }

    [Fact]
    public void An_unresolved_translation_keeps_its_reasons_and_unregisters_what_it_fed()
    {
        Apply(Translation("u1", "10", Rules(TunnelA, "shop.example.com")));
        var effects = Apply(Translation("u1", "11") with { Unresolved = ["Ingress/shop/web: spec.ingressClassName: no tunnel found for class cloudflare"] }, 1);

        Assert.Equal([(TunnelA, nameof(CloudflareResourceEntity.UnregisterConfig))], Sent(effects));
        Assert.Empty(state.Fed);
        Assert.Equal(["Ingress/shop/web: spec.ingressClassName: no tunnel found for class cloudflare"], state.Unresolved);
    }

    [Fact]
    public void A_delete_unregisters_everything_keeps_a_tombstone_and_schedules_forgetting()
    {
        Apply(Translation("u1", "10", Rules(TunnelA, "shop.example.com"), Rules(Dns, "shop.example.com")));
        var effects = Delete("u1", "11", 5);

        Assert.Equal([(Dns, nameof(CloudflareResourceEntity.UnregisterConfig)), (TunnelA, nameof(CloudflareResourceEntity.UnregisterConfig))], Sent(effects));
        Assert.Empty(state.Fed);
        Assert.True(state.Deleted);
        Assert.Equal(new SourceTombstone("u1", "11", T0.AddSeconds(5)), state.Tombstone);
        var forget = Assert.Single(effects.Scheduled);
        Assert.Equal(new ScheduledSignal(nameof(KubernetesSourceEntity.Forget), new ForgetSignal(T0.AddSeconds(5)), T0.AddSeconds(5) + Options.TombstoneRetention), forget);
        Assert.Empty(Delete("u1", "11", 6).Signals);
    }

    [Fact]
    public void A_deleted_incarnation_never_comes_back_even_with_a_later_resource_version()
    {
        Apply(Translation("u1", "10", Rules(TunnelA, "shop.example.com")));
        Delete("u1", "11");
        var effects = Apply(Translation("u1", "12", Rules(TunnelA, "shop.example.com")), 1);

        Assert.Empty(effects.Signals);
        Assert.True(state.Deleted);
    }

    [Fact]
    public void A_recreated_object_starts_fresh_and_a_late_event_of_the_old_uid_cannot_touch_it()
    {
        Apply(Translation("u1", "10", Rules(TunnelA, "shop.example.com")));
        Delete("u1", "11", 1);
        var recreated = Apply(Translation("u2", "20", Rules(TunnelA, "shop.example.com")), 2);

        // The same content is sent again: the resource entity learns the new uid, after the deletion's sequence.
        var registration = (SourceRegistration)Assert.Single(recreated.Signals).Input;
        Assert.Equal(new SourceVersion("u2", T0.AddSeconds(2).ToUnixTimeMilliseconds()) { SentAt = T0.AddSeconds(2) }, registration.Version);
        Assert.False(state.Deleted);

        var late = Apply(Translation("u1", "15", Rules(TunnelB, "old.example.com")), 3);
        Assert.Empty(late.Signals);
        Assert.Empty(Delete("u1", "16", 3).Signals);
        Assert.Equal(("u2", "20", false), (state.Uid, state.ResourceVersion, state.Deleted));
        Assert.Equal([ResourceEntityKey.Format(TunnelA)], state.Fed.Keys);
    }

    [Fact]
    public void A_new_uid_without_a_delete_between_also_starts_fresh()
    {
        Apply(Translation("u1", "10", Rules(TunnelA, "shop.example.com"), Rules(Dns, "shop.example.com")));
        var effects = Apply(Translation("u2", "30", Rules(TunnelA, "shop.example.com")), 1);

        Assert.Equal([(TunnelA, nameof(CloudflareResourceEntity.RegisterConfig)), (Dns, nameof(CloudflareResourceEntity.UnregisterConfig))], Sent(effects));
    }

    [Fact]
    public void An_unparseable_resource_version_is_a_duplicate_only_when_identical_and_is_otherwise_applied_with_a_warning()
    {
        Apply(Translation("u1", "abc", Rules(TunnelA, "shop.example.com")));
        Assert.Empty(Apply(Translation("u1", "abc", Rules(TunnelB, "shop.example.com")), 1).Signals);

        var effects = Apply(Translation("u1", "abd", Rules(TunnelB, "shop.example.com")), 2);
        Assert.Equal([(TunnelB, nameof(CloudflareResourceEntity.RegisterConfig)), (TunnelA, nameof(CloudflareResourceEntity.UnregisterConfig))], Sent(effects));
        Assert.Equal(SourceNoticeKind.Unordered, Assert.Single(effects.Notices).Kind);

        // Back to integers: "9" cannot be ordered against "abd", so it applies too.
        Assert.Single(Apply(Translation("u1", "9", Rules(TunnelA, "shop.example.com")), 3).Notices, n => n.Kind == SourceNoticeKind.Unordered);
        Assert.Equal("9", state.ResourceVersion);
    }

    [Fact]
    public void The_sequence_sent_always_increases_even_when_the_clock_goes_back()
    {
        Apply(Translation("u1", "10", Rules(TunnelA, "a.example.com")), 10);
        var first = state.Sequence;
        var effects = Apply(Translation("u1", "11", Rules(TunnelA, "b.example.com")), -10);

        Assert.Equal(first + 1, ((SourceRegistration)Assert.Single(effects.Signals).Input).Version.Sequence);
    }

    [Fact]
    public void Forgetting_acts_only_on_a_source_still_deleted_since_that_tombstone()
    {
        Apply(Translation("u1", "10", Rules(TunnelA, "shop.example.com")));
        Delete("u1", "11", 1);
        Assert.False(SourceMachine.Forget(state, new ForgetSignal(T0)).Forget);
        Assert.True(SourceMachine.Forget(state, new ForgetSignal(T0.AddSeconds(1))).Forget);

        Apply(Translation("u2", "20", Rules(TunnelA, "shop.example.com")), 2);
        Assert.False(SourceMachine.Forget(state, new ForgetSignal(T0.AddSeconds(1))).Forget);
    }

    [Fact]
    public void A_translation_naming_one_resource_twice_is_refused_and_changes_nothing()
    {
        Apply(Translation("u1", "10", Rules(TunnelA, "shop.example.com")));
        var refused = Assert.Throws<ArgumentException>(() => Apply(Translation("u1", "11", Rules(TunnelB, "a.example.com"), Rules(TunnelB, "b.example.com"))));

        Assert.Contains("Ingress/shop/web", refused.Message, StringComparison.Ordinal);
        Assert.Contains("tunnel-b", refused.Message, StringComparison.Ordinal);
        Assert.Equal("10", state.ResourceVersion);
        Assert.Equal([ResourceEntityKey.Format(TunnelA)], state.Fed.Keys);
    }

    [Fact]
    public void A_translation_naming_an_id_no_storage_key_can_hold_is_refused()
    {
        var tooLong = new ResourceIdentity(ResourceType.TunnelConfiguration, new string('a', 5000));
        var refused = Assert.Throws<ArgumentException>(() => Apply(Translation("u1", "10", Rules(tooLong, "shop.example.com"))));

        Assert.Contains("Ingress/shop/web: the TunnelConfiguration id it names:", refused.Message, StringComparison.Ordinal);
        Assert.True(refused.Message.Length < 500, refused.Message);
        Assert.Empty(state.Fed);
    }
}
