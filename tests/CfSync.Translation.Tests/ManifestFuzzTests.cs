using CfSync.Core.Aggregation;
using CfSync.Translation.Manifests;
using CsCheck;

namespace CfSync.Translation.Tests;

/// <summary>
/// The contract the hosts build on, over random damage to manifests of every kind we translate: reading either
/// returns documents or throws <see cref="ManifestException"/>, and what was read translates and aggregates
/// without throwing. Any other exception fails, and CsCheck prints the smallest text that causes it.
/// </summary>
public sealed class ManifestFuzzTests
{
    private const string EveryKind = Cluster.Base + """

        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: app, namespace: default, creationTimestamp: "2024-03-01T00:00:00Z", annotations: {cloudflare-operator.io/backend-protocol: https}}
        spec:
          ingressClassName: cloudflare
          defaultBackend: {service: {name: web, port: {name: http}}}
          rules:
          - host: app.example.com
            http:
              paths:
              - {path: /api, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: route, namespace: default}
        spec:
          parentRefs: [{name: gw}]
          hostnames: [a.example.com]
          rules:
          - matches: [{path: {type: RegularExpression, value: "^/v[0-9]+/"}}]
            backendRefs: [{name: web, port: 443, weight: 1}]
        ---
        apiVersion: networking.cloudflare-operator.io/v1alpha1
        kind: TunnelBinding
        metadata: {name: bind, namespace: default}
        tunnelRef: {kind: ClusterTunnel, name: edge}
        subjects:
        - name: web
          spec: {fqdn: www.example.org, protocol: https, path: "^/app", noTlsVerify: true, proxyPort: 8080}
        ---
        apiVersion: networking.cloudflare-operator.io/v1alpha2
        kind: DNSRecord
        metadata: {name: srv, namespace: dns}
        spec:
          cloudflare: {accountId: acc-1, zoneId: zone-1}
          type: SRV
          name: _sip._tcp.example.com
          ttl: 300
          data: {priority: 10, weight: 5, port: 5060, target: sip.example.com}
        ---
        apiVersion: networking.cloudflare-operator.io/v1alpha2
        kind: AccessApplication
        metadata: {name: app}
        spec: {cloudflare: {accountId: acc-1}, domain: app.example.com, type: self_hosted, sessionDuration: 12h, corsHeaders: {maxAge: 600}}
        ---
        apiVersion: networking.cloudflare-operator.io/v1alpha2
        kind: VirtualNetwork
        metadata: {name: corp}
        status: {virtualNetworkId: vnet-1}
        ---
        apiVersion: networking.cloudflare-operator.io/v1alpha2
        kind: NetworkRoute
        metadata: {name: lan}
        spec: {network: 10.0.0.0/8, tunnelRef: {name: edge}, virtualNetworkRef: {name: corp}}
        ---
        apiVersion: networking.cloudflare-operator.io/v1alpha2
        kind: GatewayRule
        metadata: {name: block}
        spec: {cloudflare: {accountId: acc-1}, action: block, filters: [http], traffic: "http.host == \"x\"", precedence: 5, ruleSettings: {blockPageEnabled: true}}
        """;

    // Values of every type and shape, and YAML's own syntax.
    private static readonly string[] Hostile =
    [
        "5", "-1", "1e999", "0x", "0o9", "true", "null", "~", "''", "[]", "{}", "[1, [2]]", "{a: {b: c}}", "a/b", "*x", "&a",
        "!!binary x", "!!int x", "!foo bar", "\"\\u0000\"", "\"\\uD800\"", "|\n  x", ">-\n  y", "? a\n: b", "<<: {}", "é\u200b", "\t",
        new string('a', 300), "999999999999999999999999999999", "1.5", "2024-99-99T99:99:99Z", "99999999999", "http://[::1", "-", ":",
    ];

    // Positions are fractions of the text, so mutations apply to whatever the earlier ones left.
    private static readonly Gen<Func<string, string>> Mutation = Gen.Int[0, 3].SelectMany(kind => kind switch
    {
        // Replace what follows a ": " with a hostile value.
        0 => Gen.Select(Gen.Double[0, 1], Gen.OneOfConst(Hostile)).Select<double, string, Func<string, string>>((at, value) => text =>
        {
            var colon = text.IndexOf(": ", Position(text, at), StringComparison.Ordinal);
            var end = colon < 0 ? -1 : text.IndexOfAny([',', '}', '\n'], colon + 2);
            return colon < 0 ? text : string.Concat(text.AsSpan(0, colon + 2), value, text.AsSpan(end < 0 ? text.Length : end));
        }),
        // Insert YAML's punctuation.
        1 => Gen.Select(Gen.Double[0, 1], Gen.String[Gen.Char["[]{}:,-?&*!|>'\"%@#` \n\t\\"], 1, 4])
            .Select<double, string, Func<string, string>>((at, inserted) => text => text.Insert(Position(text, at), inserted)),
        // Delete a range.
        2 => Gen.Select(Gen.Double[0, 1], Gen.Int[1, 40]).Select<double, int, Func<string, string>>((at, length) => text =>
        {
            var from = Position(text, at);
            return text.Remove(from, Math.Min(length, text.Length - from));
        }),
        // Repeat a range.
        _ => Gen.Select(Gen.Double[0, 1], Gen.Int[1, 200]).Select<double, int, Func<string, string>>((at, length) => text =>
        {
            var from = Position(text, at);
            return text.Insert(from, text.Substring(from, Math.Min(length, text.Length - from)));
        }),
    });

    private static readonly Gen<string> Damaged = Mutation.Array[1, 3].Select(mutations => mutations.Aggregate(EveryKind, (text, mutate) => mutate(text)));

    private static int Position(string text, double at) => (int)(at * text.Length);

    [Fact]
    public void The_undamaged_manifests_translate_every_kind()
    {
        var documents = ManifestReader.ReadText(EveryKind, "every.yaml");
        var set = new ManifestSet(documents);
        // The two tunnels and the seven objects that feed Cloudflare, plus the DNS records of the Ingress, HTTPRoute and binding.
        Assert.Equal(12, documents.Sum(d => ObjectTranslator.Translate(d.Object, set).Registrations.Count));
    }

    [Fact]
    public void Damaged_manifests_read_or_fail_with_a_ManifestException_and_what_is_read_translates_and_aggregates() =>
        Damaged.Sample(text =>
        {
            IReadOnlyList<ManifestDocument> documents;
            ManifestSet set;
            try
            {
                documents = ManifestReader.ReadText(text, "damaged.yaml");
                set = new ManifestSet(documents);
            }
            catch (ManifestException e)
            {
                Assert.NotEmpty(e.Problems);
                return;
            }

            var registrations = documents.SelectMany(d => ObjectTranslator.Translate(d.Object, set).Registrations);
            foreach (var resource in registrations.GroupBy(r => r.Resource))
            {
                Aggregators.For(resource.Key.ResourceType).Aggregate(resource.Select(r => r.Contribution).ToList());
            }
        }, iter: 5000);
}
