using System.Text;
using System.Text.Json;
using CfSync.Core.Hashing;
using CfSync.Translation.Manifests;

namespace CfSync.Translation.Tests;

public sealed class SecretLeakTests
{
    private const string Token = "fake-token-Zq9X2wLm7Pv4";

    [Fact]
    public void No_fragment_or_rejection_ever_contains_a_secret_value()
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(Token));
        var cloudflare = $"cloudflare: {{accountId: acc-1, zoneId: zone-1, domain: example.com, secret: {Token}, CLOUDFLARE_API_TOKEN: {Token}, CLOUDFLARE_API_KEY: {Token}, email: {Token}@example.com, credentialsRef: {{name: {Token}}}}}";
        var yaml = $"""
            apiVersion: v1
            kind: Secret
            metadata: {"{"}name: cf-creds, namespace: default{"}"}
            stringData: {"{"}CLOUDFLARE_API_TOKEN: {Token}{"}"}
            data: {"{"}CLOUDFLARE_API_TOKEN: {encoded}{"}"}
            ---
            apiVersion: networking.cloudflare-operator.io/v1alpha2
            kind: ClusterTunnel
            metadata: {"{"}name: leaky{"}"}
            spec:
              {cloudflare}
              existingTunnel: {"{"}id: tid{"}"}
            ---
            apiVersion: networking.cloudflare-operator.io/v1alpha2
            kind: Tunnel
            metadata: {"{"}name: pending, namespace: default{"}"}
            spec:
              {cloudflare}
            ---
            apiVersion: networking.cloudflare-operator.io/v1alpha2
            kind: DNSRecord
            metadata: {"{"}name: rec, namespace: default{"}"}
            spec:
              {cloudflare}
              type: A
              name: a.example.com
              content: 1.2.3.4
            ---
            apiVersion: networking.cloudflare-operator.io/v1alpha2
            kind: AccessApplication
            metadata: {"{"}name: app{"}"}
            spec:
              {cloudflare}
              domain: app.example.com
              scimConfig: {"{"}authentication: {"{"}token: {Token}, clientSecret: {Token}, password: {Token}{"}"}{"}"}
            ---
            apiVersion: networking.cloudflare-operator.io/v1alpha2
            kind: NetworkRoute
            metadata: {"{"}name: lan{"}"}
            spec:
              {cloudflare}
              network: 10.0.0.0/8
              tunnelRef: {"{"}name: leaky{"}"}
            ---
            apiVersion: networking.cloudflare-operator.io/v1alpha2
            kind: GatewayRule
            metadata: {"{"}name: rule{"}"}
            spec:
              {cloudflare}
              action: block
            ---
            apiVersion: networking.cloudflare-operator.io/v1alpha1
            kind: TunnelBinding
            metadata: {"{"}name: bind, namespace: default{"}"}
            tunnelRef: {"{"}kind: ClusterTunnel, name: leaky{"}"}
            subjects: [{"{"}name: cf-creds{"}"}]
            """;
        var documents = ManifestReader.ReadText(yaml, "leak.yaml");
        var set = new ManifestSet(documents);
        var results = documents.Select(d => ObjectTranslator.Translate(d.Object, set)).ToList();

        // The test is only meaningful if the objects were actually translated, accepted and rejected.
        Assert.Equal(5, results.Sum(r => r.Registrations.Count));
        Assert.Equal(2, results.Sum(r => r.Rejections.Count));

        var output = JsonSerializer.Serialize(results, CoreJson.Options);
        Assert.Contains("acc-1", output, StringComparison.Ordinal);
        Assert.Contains("\"content\":\"1.2.3.4\"", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, output, StringComparison.Ordinal);
        Assert.DoesNotContain(encoded, output, StringComparison.Ordinal);
        Assert.All(results.SelectMany(r => r.Rejections), r => Assert.DoesNotContain(Token, r.Reason, StringComparison.Ordinal));
    }
}
