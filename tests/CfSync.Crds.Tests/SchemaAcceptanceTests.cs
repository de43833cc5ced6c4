using System.Text.Json.Nodes;
using CfSync.Translation.Manifests;

namespace CfSync.Crds.Tests;

public class SchemaAcceptanceTests
{
    private const string OurGroup = "networking.cloudflare-operator.io/";

    /// <summary>Objects of our group in samples/cluster and samples/problems, named by file and name.</summary>
    public static TheoryData<string> SampleObjects =>
        [.. Samples().Select(s => s.Label)];

    public static TheoryData<string> ExampleKinds => [.. Examples.All.Select(o => $"{(string)o["kind"]!} {(string)o["apiVersion"]!}")];

    public static TheoryData<string> NegativeKinds => [.. Negatives.Keys];

    /// <summary>One mutation per CRD that the API server must refuse: a wrong enum value or a missing required field.</summary>
    private static readonly Dictionary<string, Action<JsonObject>> Negatives = new(StringComparer.Ordinal)
    {
        ["CloudflareSyncState"] = o => o["spec"]!["resourceType"] = "TunnelConfig",
        ["Tunnel"] = o => o["spec"]!["protocol"] = "udp",
        ["ClusterTunnel"] = o => o["spec"]!["protocol"] = "websocket",
        ["TunnelBinding"] = o => o.Remove("tunnelRef"),
        ["DNSRecord"] = o => o["spec"]!["type"] = "SPF",
        ["AccessApplication"] = o => o["spec"]!["type"] = "selfhosted",
        ["NetworkRoute"] = o => o["spec"]!.AsObject().Remove("network"),
        ["GatewayRule"] = o => o["spec"]!["action"] = "deny",
        ["TunnelIngressClassConfig"] = o => o["spec"]!["tunnelRef"]!["kind"] = "Ingress",
        ["TunnelGatewayClassConfig"] = o => o["spec"]!.AsObject().Remove("tunnelRef"),
        ["VirtualNetwork"] = o => o["status"]!["isDefault"] = "yes",
    };

    [Fact]
    public void The_samples_contain_objects_of_our_kinds()
    {
        var kinds = Samples().Select(s => (string)s.Object["kind"]!).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal) { "ClusterTunnel", "Tunnel", "TunnelBinding", "TunnelIngressClassConfig", "TunnelGatewayClassConfig", "DNSRecord", "NetworkRoute", "AccessApplication", "GatewayRule" },
            kinds);
    }

    [Theory]
    [MemberData(nameof(SampleObjects))]
    public void The_CRDs_accept_every_sample_object(string label)
    {
        var sample = Samples().Single(s => s.Label == label).Object;
        Assert.Empty(Crd.For((string)sample["kind"]!).Problems(sample));
    }

    [Theory]
    [MemberData(nameof(ExampleKinds))]
    public void The_CRDs_accept_a_complete_example_of_each_kind(string label)
    {
        var example = Examples.All.Single(o => $"{(string)o["kind"]!} {(string)o["apiVersion"]!}" == label);
        Assert.Empty(Crd.For((string)example["kind"]!).Problems(example));
    }

    [Fact]
    public void Every_CRD_has_an_example_and_a_negative()
    {
        var kinds = Crd.All.Select(c => c.Kind).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(kinds, Examples.All.Select(o => (string)o["kind"]!).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(kinds, Negatives.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(NegativeKinds))]
    public void The_CRDs_reject_a_wrong_enum_or_a_missing_required_field(string kind)
    {
        var example = Examples.Of(kind);
        Negatives[kind](example);
        Assert.NotEmpty(Crd.For(kind).Problems(example));
    }

    [Fact]
    public void A_field_the_schema_does_not_declare_is_reported_where_it_would_be_pruned()
    {
        var example = Examples.Of("DNSRecord");
        example["spec"]!["contnet"] = "typo";
        Assert.Contains(Crd.For("DNSRecord").Problems(example), p => p.Contains("/spec", StringComparison.Ordinal));

        // Inside preserved sub-objects unknown fields are kept, so they are not problems.
        var tunnel = Examples.Of("ClusterTunnel");
        tunnel["spec"]!["cloudflare"]!["CLOUDFLARE_API_TOKEN"] = "api-token-key-name";
        tunnel["spec"]!["tolerations"] = new JsonArray();
        Assert.Empty(Crd.For("ClusterTunnel").Problems(tunnel));
    }

    [Fact]
    public void Date_times_and_the_config_hash_are_checked()
    {
        var state = Examples.Of("CloudflareSyncState");
        state["status"]!["lastSyncTime"] = "yesterday";
        Assert.NotEmpty(Crd.For("CloudflareSyncState").Problems(state));

        state = Examples.Of("CloudflareSyncState");
        state["status"]!["configHash"] = "md5:abc";
        Assert.NotEmpty(Crd.For("CloudflareSyncState").Problems(state));

        state = Examples.Of("CloudflareSyncState");
        state["status"]!["conditions"]![0]!["status"] = "Yes";
        Assert.NotEmpty(Crd.For("CloudflareSyncState").Problems(state));
    }

    [Fact]
    public void CloudflareSyncState_accepts_the_Go_operators_enum_values_too()
    {
        var state = Examples.Of("CloudflareSyncState");
        state["spec"]!["resourceType"] = "GatewayRule";
        state["status"]!["syncStatus"] = "Error";
        Assert.Empty(Crd.For("CloudflareSyncState").Problems(state));
    }

    internal static IEnumerable<(string Label, JsonObject Object)> Samples() =>
        ManifestReader.ReadPaths([Path.Combine(RepoPaths.Samples, "cluster"), Path.Combine(RepoPaths.Samples, "problems")])
            .Where(d => ((string?)d.Object["apiVersion"] ?? "").StartsWith(OurGroup, StringComparison.Ordinal))
            .Select(d => ($"{Path.GetFileName(d.File)} {(string)d.Object["kind"]!} {(string)d.Object["metadata"]!["name"]!}", d.Object));
}
