using CfSync.Core.Tunnels;
using CfSync.Translation.Manifests;
using CsCheck;

namespace CfSync.Translation.Tests;

/// <summary>
/// Properties over random clusters of Ingresses and TunnelBindings (valid and invalid, Services known or not):
/// the order of the manifests never changes what a source translates to, and no rule of an accepted source is lost.
/// </summary>
public sealed class TranslationPropertyTests
{
    private static readonly string[] Hosts = ["a.example.com", "b.example.com", "*.example.com", "bad_host!.example.com"];
    private static readonly string[] Paths = ["/", "/api", "/v1/x", "api"];
    private static readonly string[] Services = ["web", "ghost"];
    private static readonly string[] Ports = ["{number: 80}", "{number: 443}", "{name: http}"];

    private sealed record PathSpec(string Path, string Service, string Port);

    private sealed record IngressSpec(string Host, PathSpec[] Paths);

    private static readonly Gen<IngressSpec> IngressGen =
        Gen.Select(Gen.OneOfConst(Hosts), Gen.Select(Gen.OneOfConst(Paths), Gen.OneOfConst(Services), Gen.OneOfConst(Ports), (p, s, n) => new PathSpec(p, s, n)).Array[1, 3])
            .Select((host, paths) => new IngressSpec(host, paths));

    private static readonly Gen<(IngressSpec[] Ingresses, string[] Bindings)> ClusterGen =
        Gen.Select(IngressGen.Array[1, 8], Gen.OneOfConst(Services).Array[0, 4]);

    private static string Ingress(int i, IngressSpec spec) =>
        $"apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: ing{i}, namespace: default}}\nspec:\n  ingressClassName: cloudflare\n  rules:\n  - host: \"{spec.Host}\"\n    http:\n      paths:\n"
        + string.Concat(spec.Paths.Select(p => $"      - {{path: \"{p.Path}\", pathType: Prefix, backend: {{service: {{name: {p.Service}, port: {p.Port}}}}}}}\n"));

    private static string Binding(int i, string service) =>
        $"apiVersion: networking.cfargotunnel.com/v1alpha1\nkind: TunnelBinding\nmetadata: {{name: bind{i}, namespace: default}}\ntunnelRef: {{kind: ClusterTunnel, name: edge}}\nsubjects:\n- {{name: {service}, spec: {{fqdn: b{i}.example.com}}}}\n";

    private static List<ManifestDocument> Documents((IngressSpec[] Ingresses, string[] Bindings) cluster) =>
    [
        .. ManifestReader.ReadText(Cluster.Base, "base.yaml"),
        .. cluster.Ingresses.SelectMany((spec, i) => ManifestReader.ReadText(Ingress(i, spec), $"ing{i}.yaml")),
        .. cluster.Bindings.SelectMany((service, i) => ManifestReader.ReadText(Binding(i, service), $"bind{i}.yaml")),
    ];

    // Everything a source translates to, in a comparable form.
    private static SortedDictionary<string, string> TranslateAll(IReadOnlyList<ManifestDocument> documents)
    {
        var set = new ManifestSet(documents);
        var bySource = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            var result = ObjectTranslator.Translate(document.Object, set);
            var registrations = result.Registrations.Select(r => $"{r.Resource}|{r.Scope}|{r.Contribution.CreatedAt}|{Describe(r.Contribution.Fragment)}");
            var rejections = result.Rejections.Select(r => $"{r.Resource}|{r.Reason}");
            var warnings = result.Warnings.Select(w => $"{w.Resource}|{w.Message}");
            var key = result.Registrations.Select(r => r.Contribution.Source.Key).Concat(result.Rejections.Select(r => r.Source.Key)).FirstOrDefault();
            if (key is not null)
            {
                bySource.Add(key, string.Join("\n", registrations.Concat(rejections).Concat(warnings)));
            }
        }

        return bySource;
    }

    private static string? Describe(CfSync.Core.Fragments.Fragment fragment) => fragment switch
    {
        IngressRulesFragment rules => string.Join(";", rules.Rules),
        CfSync.Core.Dns.TunnelHostnamesFragment hostnames => string.Join(";", hostnames.Hostnames),
        _ => fragment.ToString(),
    };

    [Fact]
    public void Any_order_of_the_same_manifests_translates_every_source_the_same()
    {
        Gen.Select(ClusterGen, Gen.Int).Sample(pair =>
        {
            var (cluster, seed) = pair;
            var documents = Documents(cluster);
            var shuffled = documents.ToArray();
            new Random(seed).Shuffle(shuffled);
            Assert.Equal(TranslateAll(documents), TranslateAll(shuffled));
        });
    }

    [Fact]
    public void An_ingress_is_rejected_exactly_when_one_of_its_rules_is_invalid_and_otherwise_keeps_every_rule()
    {
        IngressGen.Sample(spec =>
        {
            var result = Cluster.Translate("Ingress", "ing0", Cluster.Base, Ingress(0, spec));
            var invalid = spec.Host.Contains('!', StringComparison.Ordinal)
                || spec.Paths.Any(p => !p.Path.StartsWith('/') || (p.Service == "ghost" && p.Port.StartsWith("{name", StringComparison.Ordinal)));
            if (invalid)
            {
                Assert.Empty(result.Registrations);
                Assert.NotEmpty(result.Rejections);
                return;
            }

            var expected = spec.Paths.Select(p => (spec.Host, PathPatterns.Prefix(p.Path))).ToList();
            Assert.Equal(expected, Cluster.Rules(result).Select(r => (r.Hostname!, r.Path)));
            Assert.Equal(spec.Paths.Count(p => p.Service == "ghost"), result.Warnings.Count);

            // Its tunnel's DNS records get the rules' host, once, lower-case; no rule, no records.
            var hostnames = Cluster.DnsRegistration(result) is null ? [] : Cluster.Hostnames(result).Select(h => h.Name).ToList();
            Assert.Equal(expected.Select(e => e.Host.ToLowerInvariant()).Distinct(), hostnames);
        });
    }
}
