using System.Text.Json.Nodes;
using CfSync.Core.Objects;
using CfSync.Core.Resources;

namespace CfSync.Translation.Tests;

public sealed class OneToOneTranslatorTests
{
    private static (Registration Registration, JsonObject Desired) Single(TranslationResult result, ResourceType type)
    {
        Assert.Empty(result.Rejections);
        var registration = Assert.Single(result.Registrations);
        var fragment = Assert.IsType<ObjectFragment>(registration.Contribution.Fragment);
        Assert.Equal(type, fragment.Type);
        return (registration, fragment.Desired);
    }

    private static void AssertJson(string expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), actual.ToJsonString());

    [Fact]
    public void A_dns_record_sends_only_its_fields_with_data_in_snake_case()
    {
        var (registration, desired) = Single(Cluster.Translate("DNSRecord", "srv", """
            apiVersion: networking.cloudflare-operator.io/v1alpha2
            kind: DNSRecord
            metadata: {name: srv, namespace: dns}
            spec:
              cloudflare: {accountId: acc-1, zoneId: zone-1, secret: cf-creds}
              type: SRV
              name: _sip._tcp.Example.com
              ttl: 300
              comment: sip
              tags: [a, b]
              data: {priority: 10, weight: 5, port: 5060, target: sip.example.com, keyTag: 7, matchingType: 1}
            """), ResourceType.DNSRecord);
        Assert.Equal(new ResourceIdentity(ResourceType.DNSRecord, "SRV:_sip._tcp.example.com"), registration.Resource);
        Assert.Equal(new ResourceScope("acc-1", "zone-1"), registration.Scope);
        Assert.Equal("DNSRecord/dns/srv", registration.Contribution.Source.Key);
        AssertJson("""
            {"type":"SRV","name":"_sip._tcp.Example.com","ttl":300,"comment":"sip","tags":["a","b"],
             "data":{"priority":10,"weight":5,"port":5060,"target":"sip.example.com","key_tag":7,"matching_type":1}}
            """, desired);
    }

    [Fact]
    public void A_dns_record_without_type_is_rejected()
    {
        Assert.Equal("DNSRecord/default/r: spec.type: is required", Cluster.Reason(Cluster.Translate("DNSRecord", "r", """
            apiVersion: networking.cloudflare-operator.io/v1alpha2
            kind: DNSRecord
            metadata: {name: r}
            spec: {name: a.example.com, content: 1.2.3.4}
            """)));
    }

    [Fact]
    public void An_access_application_uses_cloudflare_names_embeds_its_policies_and_leaves_out_what_needs_lookups()
    {
        var (registration, desired) = Single(Cluster.Translate("AccessApplication", "app", """
            apiVersion: networking.cloudflare-operator.io/v1alpha2
            kind: AccessApplication
            metadata: {name: app}
            spec:
              cloudflare: {accountId: acc-1}
              name: My App
              domain: App.example.com/admin
              type: self_hosted
              sessionDuration: 12h
              appLauncherVisible: false
              serviceAuth401Redirect: true
              allowedIdps: [idp-1]
              sameSiteCookieAttribute: lax
              selfHostedDomains: [app.example.com]
              corsHeaders: {allowAllOrigins: true, allowedMethods: [GET], maxAge: 600}
              policies: [{name: allow, decision: allow, include: [{everyone: true}]}]
              allowedIdpRefs: [{name: github}]
            """), ResourceType.AccessApplication);
        Assert.Equal(new ResourceIdentity(ResourceType.AccessApplication, "app.example.com/admin"), registration.Resource);
        Assert.Equal("AccessApplication/app", registration.Contribution.Source.Key);
        Assert.Equal("acc-1", registration.Scope.AccountId);
        AssertJson("""
            {"name":"My App","domain":"App.example.com/admin","type":"self_hosted","session_duration":"12h",
             "app_launcher_visible":false,"allowed_idps":["idp-1"],"same_site_cookie_attribute":"lax",
             "service_auth_401_redirect":true,"self_hosted_domains":["app.example.com"],
             "cors_headers":{"allow_all_origins":true,"allowed_methods":["GET"],"max_age":600},
             "policies":[{"name":"My App-1","decision":"allow","precedence":1,"include":[{"everyone":{}}],"exclude":[],"require":[]}]}
            """, desired);
    }

    [Fact]
    public void An_access_application_without_domain_is_keyed_by_its_name()
    {
        var (registration, desired) = Single(Cluster.Translate("AccessApplication", "launcher", """
            apiVersion: networking.cloudflare-operator.io/v1alpha2
            kind: AccessApplication
            metadata: {name: launcher}
            spec: {type: app_launcher}
            """), ResourceType.AccessApplication);
        Assert.Equal("name:launcher", registration.Resource.CloudflareId);
        Assert.Equal("launcher", (string?)desired["name"]);
    }

    private const string VirtualNetwork = """
        apiVersion: networking.cloudflare-operator.io/v1alpha2
        kind: VirtualNetwork
        metadata: {name: corp}
        status: {virtualNetworkId: vnet-1}
        """;

    [Fact]
    public void A_network_route_names_the_cluster_tunnel_and_the_virtual_network()
    {
        var (registration, desired) = Single(Cluster.Translate("NetworkRoute", "lan", Cluster.Base, VirtualNetwork, """
            apiVersion: networking.cloudflare-operator.io/v1alpha2
            kind: NetworkRoute
            metadata: {name: lan}
            spec:
              network: 10.0.0.0/8
              comment: office
              tunnelRef: {name: edge}
              virtualNetworkRef: {name: corp}
            """), ResourceType.NetworkRoute);
        Assert.Equal(new ResourceIdentity(ResourceType.NetworkRoute, "10.0.0.0/8@corp"), registration.Resource);
        Assert.Equal("acc-1", registration.Scope.AccountId);
        AssertJson("""{"network":"10.0.0.0/8","tunnel_id":"tunnel-edge","comment":"office","virtual_network_id":"vnet-1"}""", desired);
    }

    [Theory]
    [InlineData("tunnelRef: {kind: Tunnel, name: team}", "NetworkRoute/lan: spec.tunnelRef.namespace: is required for a Tunnel referenced from a cluster-scoped object")]
    [InlineData("tunnelRef: {name: gone}", "NetworkRoute/lan: spec.tunnelRef: ClusterTunnel gone not found")]
    public void A_network_route_that_cannot_be_resolved_is_rejected_against_its_key(string refs, string reason)
    {
        var result = Cluster.Translate("NetworkRoute", "lan", Cluster.Base, VirtualNetwork, $"""
            apiVersion: networking.cloudflare-operator.io/v1alpha2
            kind: NetworkRoute
            metadata: {"{"}name: lan{"}"}
            spec:
              network: 10.0.0.0/8
              {refs}
            """);
        Assert.Equal(reason, Cluster.Reason(result));
        Assert.Equal(ResourceType.NetworkRoute, result.Rejections[0].Resource?.ResourceType);
    }

    [Fact]
    public void A_network_route_through_a_namespaced_tunnel_names_its_namespace()
    {
        var (_, desired) = Single(Cluster.Translate("NetworkRoute", "lan", Cluster.Base, """
            apiVersion: networking.cloudflare-operator.io/v1alpha2
            kind: NetworkRoute
            metadata: {name: lan}
            spec: {network: 192.168.0.0/16, tunnelRef: {kind: Tunnel, name: team, namespace: default}}
            """), ResourceType.NetworkRoute);
        AssertJson("""{"network":"192.168.0.0/16","tunnel_id":"tunnel-team"}""", desired);
    }

    [Fact]
    public void A_gateway_rule_renames_settings_to_what_cloudflare_takes()
    {
        var (registration, desired) = Single(Cluster.Translate("GatewayRule", "block-ads", """
            apiVersion: networking.cloudflare-operator.io/v1alpha2
            kind: GatewayRule
            metadata: {name: block-ads}
            spec:
              cloudflare: {accountId: acc-1}
              description: no ads
              action: block
              enabled: true
              filters: [dns]
              traffic: any(dns.content_category[*] in {66})
              devicePosture: "true"
              precedence: 5
              ruleSettings:
                blockPageEnabled: true
                addHeaders: {X-Custom-Header: [a]}
                l4Override: {ip: 1.1.1.1, port: 53}
                notificationSettings: {enabled: true, message: hi, supportUrl: https://help}
                untrustedCertificateAction: block
                egress: {ipv4Fallback: 1.2.3.4}
              schedule: {mon: "08:00-12:00", timeZone: Europe/Paris}
            """), ResourceType.GatewayRules);
        Assert.Equal(new ResourceIdentity(ResourceType.GatewayRules, "block-ads"), registration.Resource);
        Assert.Equal("acc-1", registration.Scope.AccountId);
        AssertJson("""
            {"name":"block-ads","description":"no ads","action":"block","enabled":true,"filters":["dns"],
             "traffic":"any(dns.content_category[*] in {66})","device_posture":"true","precedence":5,
             "rule_settings":{"block_page_enabled":true,"add_headers":{"X-Custom-Header":["a"]},
               "l4override":{"ip":"1.1.1.1","port":53},"notification_settings":{"enabled":true,"msg":"hi","support_url":"https://help"},
               "untrusted_cert":{"action":"block"},"egress":{"ipv4_fallback":"1.2.3.4"}},
             "schedule":{"mon":"08:00-12:00","time_zone":"Europe/Paris"}}
            """, desired);
    }

    private static TranslationResult DnsRecord(string name, string cloudflare) => Cluster.Translate("DNSRecord", "r", $"""
        apiVersion: networking.cloudflare-operator.io/v1alpha2
        kind: DNSRecord
        metadata: {"{"}name: r{"}"}
        spec: {"{"}cloudflare: {cloudflare}, type: A, name: "{name}", content: 1.2.3.4{"}"}
        """);

    // "@" is the zone apex and relative names sit under the zone, as Cloudflare reads them: the key must be the
    // FQDN Cloudflare shows, or adoption and conflicts would miss the record.
    [Theory]
    [InlineData("@", "example.com")]
    [InlineData("www", "www.example.com")]
    [InlineData("www.example.com", "www.example.com")]
    [InlineData("WWW.Example.COM.", "WWW.Example.COM")]
    [InlineData("example.com", "example.com")]
    [InlineData("a.b", "a.b.example.com")]
    public void Dns_names_become_fqdns_in_the_zones_domain_before_they_become_keys(string name, string fqdn)
    {
        var (registration, desired) = Single(DnsRecord(name, "{zoneId: z, domain: example.com}"), ResourceType.DNSRecord);
        Assert.Equal($"A:{fqdn.ToLowerInvariant()}", registration.Resource.CloudflareId);
        Assert.Equal(fqdn, (string?)desired["name"]);
    }

    // Without the zone's domain "@" cannot be named: a key of "@" would never meet Cloudflare's record.
    [Fact]
    public void The_apex_without_the_zones_domain_is_rejected_naming_what_is_missing()
    {
        Assert.Equal(
            "DNSRecord/default/r: spec.name: '@' is the zone apex: spec.cloudflare.domain (the zone's name) is required to name it",
            Cluster.Reason(DnsRecord("@", "{zoneId: z}")));
    }

    // Without a domain a name is taken as the FQDN it is written as (the zone's name is not known to translation).
    [Fact]
    public void Without_the_zones_domain_a_name_is_taken_as_written()
    {
        var (registration, _) = Single(DnsRecord("www.example.org.", "{zoneId: z}"), ResourceType.DNSRecord);
        Assert.Equal("A:www.example.org", registration.Resource.CloudflareId);
    }

    // Adoption is the object's explicit opt-in; without the annotation (or with another value) it is off.
    [Theory]
    [InlineData("{networking.cloudflare-operator.io/adopt: \"true\"}", true)]
    [InlineData("{networking.cloudflare-operator.io/adopt: \"TRUE\"}", true)]
    [InlineData("{networking.cloudflare-operator.io/adopt: \"yes\"}", false)]
    [InlineData("{}", false)]
    public void A_dns_record_adopts_an_existing_record_only_when_annotated(string annotations, bool adopt)
    {
        var result = Cluster.Translate("DNSRecord", "r", $"""
            apiVersion: networking.cloudflare-operator.io/v1alpha2
            kind: DNSRecord
            metadata: {"{"}name: r, annotations: {annotations}{"}"}
            spec: {"{"}cloudflare: {"{"}zoneId: z{"}"}, type: A, name: www.example.com, content: 1.2.3.4{"}"}
            """);
        var (registration, _) = Single(result, ResourceType.DNSRecord);
        Assert.Equal(adopt, ((ObjectFragment)registration.Contribution.Fragment).Adopt);
    }

    private static TranslationResult AccessApplication(string spec) => Cluster.Translate(
        "AccessApplication", "app", $"apiVersion: networking.cloudflare-operator.io/v1alpha2\nkind: AccessApplication\nmetadata: {{name: app}}\nspec: {spec}\n");

    // IdP refs are set by most users but not applied: the application syncs, and the user is told.
    [Fact]
    public void Access_application_fields_not_applied_yet_are_named_in_a_warning()
    {
        var result = AccessApplication("{domain: app.example.com, policies: [{decision: allow, include: [{everyone: true}]}], allowedIdpRefs: [{name: github}]}");
        var (registration, desired) = Single(result, ResourceType.AccessApplication);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("AccessApplication/app: spec.allowedIdpRefs: not applied yet; the application is synced without them", warning.Message);
        Assert.Equal(registration.Resource, warning.Resource);
        Assert.Single(desired["policies"]!.AsArray());
    }

    // Every rule type the CRD has that Cloudflare's access_rule takes, in Cloudflare's names; lists become one rule each;
    // a policy without precedence takes the smallest free one (Cloudflare refuses two policies of one precedence).
    [Fact]
    public void Access_policies_become_embedded_policies_with_cloudflares_rules()
    {
        var result = Cluster.Translate("AccessApplication", "app", """
            apiVersion: networking.cloudflare-operator.io/v1alpha2
            kind: AccessApplication
            metadata: {name: app}
            spec:
              domain: app.example.com
              policies:
                - policyName: staff
                  precedence: 2
                  sessionDuration: 8h
                  include:
                    - email: {email: a@example.com}
                    - emailDomain: {domain: example.com}
                    - ipRanges: {ip: [10.0.0.0/8, 192.168.0.0/16]}
                    - group: {id: g-1}
                    - github: {name: acme, identityProviderId: idp-gh}
                    - azure: {id: az-1, identityProviderId: idp-az}
                    - gsuite: {email: devs@example.com, identityProviderId: idp-g}
                    - emailList: {id: l-1}
                    - ipList: {id: l-2}
                    - serviceToken: {tokenId: t-1}
                    - anyValidServiceToken: true
                    - externalEvaluation: {evaluateUrl: "https://e", keysUrl: "https://k"}
                  exclude:
                    - country: {country: [RU, KP]}
                  require:
                    - authMethod: {authMethod: mfa}
                    - devicePosture: {integrationUid: p-1}
                    - certificate: true
                - decision: bypass
                  include: [{everyone: true}]
                - groupId: g-2
            """);
        var (_, desired) = Single(result, ResourceType.AccessApplication);
        Assert.Empty(result.Warnings);
        AssertJson("""
            [{"name":"staff","decision":"allow","precedence":2,"session_duration":"8h",
              "include":[{"email":{"email":"a@example.com"}},{"email_domain":{"domain":"example.com"}},{"ip":{"ip":"10.0.0.0/8"}},
                {"ip":{"ip":"192.168.0.0/16"}},{"group":{"id":"g-1"}},{"github-organization":{"name":"acme","connection_id":"idp-gh"}},
                {"azureAD":{"id":"az-1","connection_id":"idp-az"}},{"gsuite":{"email":"devs@example.com","connection_id":"idp-g"}},
                {"email_list":{"id":"l-1"}},{"ip_list":{"id":"l-2"}},{"service_token":{"token_id":"t-1"}},{"any_valid_service_token":{}},
                {"external_evaluation":{"evaluate_url":"https://e","keys_url":"https://k"}}],
              "exclude":[{"geo":{"country_code":"RU"}},{"geo":{"country_code":"KP"}}],
              "require":[{"auth_method":{"auth_method":"mfa"}},{"device_posture":{"integration_uid":"p-1"}},{"certificate":{}}]},
             {"name":"app-1","decision":"bypass","precedence":1,"include":[{"everyone":{}}],"exclude":[],"require":[]},
             {"name":"app-3","decision":"allow","precedence":3,"include":[{"group":{"id":"g-2"}}],"exclude":[],"require":[]}]
            """, desired["policies"]!);
    }

    // A policy is applied whole or not at all: a part left out could widen who gets in.
    [Theory]
    [InlineData("{name: admins}", "spec.policies[0].name")]
    [InlineData("{cloudflareGroupName: Admins}", "spec.policies[0].cloudflareGroupName")]
    [InlineData("{include: [{email: {email: a@example.com}}, {okta: {name: devs, identityProviderId: i}}]}", "spec.policies[0].include[1].okta")]
    [InlineData("{include: [{everyone: true}], require: [{country: {country: [DE, FR]}}]}", "spec.policies[0].require[0].country")]
    [InlineData("{include: [{github: {name: acme, identityProviderId: i, teams: [ops]}}]}", "spec.policies[0].include[0].github")]
    [InlineData("{}", "spec.policies[0].include")]
    public void A_policy_that_cannot_be_translated_is_left_out_with_a_warning_naming_the_field(string policy, string field)
    {
        var result = AccessApplication($"{{domain: app.example.com, policies: [{policy}, {{include: [{{everyone: true}}]}}]}}");
        var (_, desired) = Single(result, ResourceType.AccessApplication);
        Assert.Equal($"AccessApplication/app: {field}: cannot be applied yet (a look-up by name, or a rule CfSync does not translate); policy 'app-1' is left out", Assert.Single(result.Warnings).Message);
        Assert.Equal("app-2", (string?)Assert.Single(desired["policies"]!.AsArray())!["name"]);
    }

    // Leaving out a deny policy would let in whom it denies: the application is not applied at all.
    [Fact]
    public void A_deny_policy_that_cannot_be_translated_rejects_the_application()
    {
        var result = AccessApplication("{domain: app.example.com, policies: [{decision: deny, name: contractors}, {include: [{everyone: true}]}]}");
        Assert.Empty(result.Registrations);
        Assert.StartsWith("AccessApplication/app: spec.policies[0].name: cannot be applied yet", Cluster.Reason(result), StringComparison.Ordinal);
        Assert.Contains("would let in whom it denies", Cluster.Reason(result), StringComparison.Ordinal);
    }

    // The adopt annotation reaches the fragment of every 1:1 kind.
    [Theory]
    [InlineData("AccessApplication", "spec: {domain: app.example.com}")]
    [InlineData("GatewayRule", "spec: {action: block}")]
    [InlineData("NetworkRoute", "spec: {network: 10.0.0.0/8, tunnelRef: {name: edge}}")]
    public void The_adopt_annotation_marks_the_fragment(string kind, string spec)
    {
        string Manifest(string annotation) => $"apiVersion: networking.cloudflare-operator.io/v1alpha2\nkind: {kind}\nmetadata: {{name: x{annotation}}}\n{spec}\n";
        ObjectFragment FragmentOf(string annotation) =>
            Assert.IsType<ObjectFragment>(Assert.Single(Cluster.Translate(kind, "x", Cluster.Base, Manifest(annotation)).Registrations).Contribution.Fragment);
        Assert.True(FragmentOf(", annotations: {networking.cloudflare-operator.io/adopt: \"true\"}").Adopt);
        Assert.False(FragmentOf(string.Empty).Adopt);
    }

    // A virtual network without an id yet (or not in the cluster) is resolved by its Cloudflare name when applied.
    [Theory]
    [InlineData("", "10.0.0.0/8@lab")]
    [InlineData("---\napiVersion: networking.cloudflare-operator.io/v1alpha2\nkind: VirtualNetwork\nmetadata: {name: lab}\nspec: {name: Lab network}\n", "10.0.0.0/8@Lab network")]
    public void A_virtual_network_without_an_id_is_named_in_the_key_for_the_applier_to_resolve(string vnet, string key)
    {
        var route = "apiVersion: networking.cloudflare-operator.io/v1alpha2\nkind: NetworkRoute\nmetadata: {name: lan}\n" +
            $"spec: {{network: 10.0.0.0/8, tunnelRef: {{name: edge}}, virtualNetworkRef: {{name: lab}}}}\n{vnet}";
        var (registration, desired) = Single(Cluster.Translate("NetworkRoute", "lan", Cluster.Base, route), ResourceType.NetworkRoute);
        Assert.Equal(key, registration.Resource.CloudflareId);
        Assert.Null(desired["virtual_network_id"]);
    }

    // Nothing unapplied, nothing to say.
    [Fact]
    public void An_access_application_with_only_applied_fields_has_no_warning()
    {
        var result = AccessApplication("{domain: app.example.com, type: self_hosted}");
        Assert.Single(result.Registrations);
        Assert.Empty(result.Warnings);
    }

    // An expiration that is not applied would leave a rule active the user expects gone.
    [Fact]
    public void A_gateway_rule_expiration_is_named_in_a_warning()
    {
        var result = Cluster.Translate("GatewayRule", "r", """
            apiVersion: networking.cloudflare-operator.io/v1alpha2
            kind: GatewayRule
            metadata: {name: r}
            spec: {action: block, expiration: {expiresAt: "2030-01-01T00:00:00Z"}}
            """);
        Assert.Single(result.Registrations);
        Assert.Equal("GatewayRule/r: spec.expiration: not applied yet; the rule does not expire", Assert.Single(result.Warnings).Message);
    }
}
