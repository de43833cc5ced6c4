using System.Text.Json.Nodes;
using CfSync.Translation.Manifests;

namespace CfSync.Crds.Tests;

/// <summary>
/// Realistic objects of every kind, filled in further than the samples: each sets every field a CfSync model reads,
/// plus fields that only the Go operator reads (which must survive too), and a status as the operator writes it.
/// </summary>
internal static class Examples
{
    public const string Yaml = """
        apiVersion: networking.cloudflare-operator.io/v1alpha2
        kind: ClusterTunnel
        metadata:
          name: edge
          creationTimestamp: "2025-03-01T09:00:00Z"
        spec:
          existingTunnel:
            id: 6ff42ae2-765d-4adf-8112-31c55c1551ef
            name: edge
          enableWarpRouting: true
          fallbackTarget: http_status:404
          noTlsVerify: false
          originCaPool: /etc/cloudflared/ca/ca.pem
          protocol: quic
          deployPatch: '{"spec":{"replicas":2}}'
          cloudflare:
            accountId: 0123456789abcdef0123456789abcdef
            zoneId: fedcba9876543210fedcba9876543210
            domain: example.com
            email: ops@example.com
            secret: cloudflare-api-token
            credentialsRef:
              name: default
        status:
          tunnelId: 6ff42ae2-765d-4adf-8112-31c55c1551ef
          tunnelName: edge
          accountId: 0123456789abcdef0123456789abcdef
          zoneId: fedcba9876543210fedcba9876543210
          state: active
          configVersion: 7
          syncedHostnames: [shop.example.com]
          observedGeneration: 3
          conditions:
            - type: Ready
              status: "True"
              reason: Synced
              message: configuration version 7 applied
              lastTransitionTime: "2025-03-01T09:05:00Z"
              observedGeneration: 3
        ---
        apiVersion: networking.cloudflare-operator.io/v1alpha1
        kind: Tunnel
        metadata:
          name: legacy
          namespace: team-a
        spec:
          newTunnel:
            name: team-a-legacy
          image: cloudflare/cloudflared:2025.4.0
          size: 2
          nodeSelectors:
            kubernetes.io/os: linux
          cloudflare:
            domain: team-a.example.com
            secret: cloudflare-api-token
        status:
          tunnelId: 2b1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d
          tunnelName: team-a-legacy
          accountId: 0123456789abcdef0123456789abcdef
          zoneId: fedcba9876543210fedcba9876543210
        ---
        apiVersion: networking.cloudflare-operator.io/v1alpha1
        kind: TunnelBinding
        metadata:
          name: tools
          namespace: team-a
        subjects:
          - kind: Service
            name: grafana
            spec:
              fqdn: grafana.team-a.example.com
              protocol: https
              path: ^/dashboards/.*$
              target: https://grafana.team-a.svc:3000
              noTlsVerify: true
              http2Origin: true
              caPool: /etc/ca/ca.pem
              proxyAddress: 127.0.0.1
              proxyPort: 1080
              proxyType: socks
        tunnelRef:
          kind: Tunnel
          name: internal
          namespace: team-a
          disableDNSUpdates: true
        status:
          hostnames: grafana.team-a.example.com
          services:
            - hostname: grafana.team-a.example.com
              target: https://grafana.team-a.svc:3000
        ---
        apiVersion: networking.cloudflare-operator.io/v1alpha2
        kind: DNSRecord
        metadata:
          name: sip
          namespace: shop
        spec:
          name: _sip._tcp.example.com
          type: SRV
          content: sip.example.com
          ttl: 300
          proxied: false
          comment: SIP service
          tags: [team:voice]
          priority: 10
          data:
            priority: 10
            weight: 5
            port: 5060
            target: sip.example.com
          cloudflare:
            accountId: 0123456789abcdef0123456789abcdef
            zoneId: fedcba9876543210fedcba9876543210
            secret: cloudflare-api-token
        status:
          recordId: 372e67954025e0ba6aaa6d586b9e0b59
          zoneId: fedcba9876543210fedcba9876543210
          fqdn: _sip._tcp.example.com
          state: Ready
        ---
        apiVersion: networking.cloudflare-operator.io/v1alpha2
        kind: AccessApplication
        metadata:
          name: grafana
        spec:
          name: Grafana
          domain: grafana.team-a.example.com
          type: self_hosted
          sessionDuration: 12h
          appLauncherVisible: true
          autoRedirectToIdentity: false
          allowedIdps: [6a8b1c2d-0000-4000-8000-000000000001]
          allowAuthenticateViaWarp: false
          customDenyMessage: Ask the platform team for access.
          customDenyUrl: https://example.com/denied
          customNonIdentityDenyUrl: https://example.com/denied-service
          enableBindingCookie: false
          httpOnlyCookieAttribute: true
          sameSiteCookieAttribute: lax
          logoUrl: https://example.com/grafana.png
          skipInterstitial: true
          optionsPreflightBypass: false
          serviceAuth401Redirect: true
          pathCookieAttribute: false
          tags: [observability]
          selfHostedDomains: [grafana.team-a.example.com, metrics.team-a.example.com]
          corsHeaders:
            allowedMethods: [GET, POST]
            allowedOrigins: [https://example.com]
            allowCredentials: true
            maxAge: 600
          policies:
            - name: engineers
              decision: allow
              include:
                - emailDomain:
                    domain: example.com
          cloudflare:
            accountId: 0123456789abcdef0123456789abcdef
            secret: cloudflare-api-token
        status:
          applicationId: 0f3e6a1c-1111-4222-8333-444455556666
          aud: 7c1e1f0b2a3d4e5f
          state: Ready
        ---
        apiVersion: networking.cloudflare-operator.io/v1alpha2
        kind: NetworkRoute
        metadata:
          name: lab
        spec:
          network: 10.30.0.0/16
          comment: lab network
          tunnelRef:
            kind: Tunnel
            name: internal
            namespace: team-a
          virtualNetworkRef:
            name: lab
          cloudflare:
            accountId: 0123456789abcdef0123456789abcdef
            secret: cloudflare-api-token
        status:
          network: 10.30.0.0/16
          tunnelId: 2b1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d
          virtualNetworkId: 9a8b7c6d-0000-4000-8000-000000000002
          state: Ready
        ---
        apiVersion: networking.cloudflare-operator.io/v1alpha2
        kind: VirtualNetwork
        metadata:
          name: lab
        spec:
          name: lab
          comment: lab machines
          isDefaultNetwork: false
          cloudflare:
            accountId: 0123456789abcdef0123456789abcdef
            secret: cloudflare-api-token
        status:
          virtualNetworkId: 9a8b7c6d-0000-4000-8000-000000000002
          isDefault: false
          state: Ready
        ---
        apiVersion: networking.cloudflare-operator.io/v1alpha2
        kind: GatewayRule
        metadata:
          name: add-header
        spec:
          name: Tag office traffic
          description: Adds a header to HTTP traffic from the office
          action: allow
          enabled: true
          precedence: 200
          filters: [http]
          traffic: http.request.host == "intranet.example.com"
          identity: any(identity.groups.name[*] in {"office"})
          devicePosture: any(device_posture.checks.passed[*] in {"disk-encryption"})
          ruleSettings:
            addHeaders:
              X-Office: ["yes"]
            notificationSettings:
              enabled: true
              message: Office traffic
          schedule:
            mon: 08:00-18:00
            fri: 08:00-16:00
            timeZone: Europe/Berlin
          expiration:
            duration: 24h
          cloudflare:
            accountId: 0123456789abcdef0123456789abcdef
            secret: cloudflare-api-token
        status:
          ruleId: 5e2b8c1a-0000-4000-8000-000000000003
          state: Ready
        ---
        apiVersion: networking.cloudflare-operator.io/v1alpha2
        kind: TunnelIngressClassConfig
        metadata:
          name: internal-ingress
          namespace: team-a
        spec:
          tunnelRef:
            kind: Tunnel
            name: internal
            namespace: team-a
          defaultProtocol: https
          watchNamespaces: [team-a, team-a-staging]
          dnsManagement: Manual
          defaultOriginRequest:
            bastionMode: false
            caPool: /etc/ca/ca.pem
            connectTimeout: 30s
            disableChunkedEncoding: true
            http2Origin: true
            httpHostHeader: internal.example.com
            keepAliveConnections: 100
            keepAliveTimeout: 1m30s
            noTlsVerify: true
            originServerName: internal.example.com
            proxyAddress: 127.0.0.1
            proxyPort: 1080
            proxyType: socks
            tlsTimeout: 10s
        status:
          tunnelId: 2b1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d
          state: active
          ingressCount: 3
        ---
        apiVersion: networking.cloudflare-operator.io/v1alpha2
        kind: TunnelGatewayClassConfig
        metadata:
          name: internal-gateway
          namespace: team-a
        spec:
          tunnelRef:
            kind: Tunnel
            name: internal
          watchNamespaces: [team-a]
          fallbackTarget: http_status:404
          defaultOriginRequest:
            connectTimeout: 10s
            noTlsVerify: false
        status:
          state: pending
          gatewayCount: 1
          routeCount: 2
        ---
        apiVersion: networking.cloudflare-operator.io/v1alpha2
        kind: CloudflareSyncState
        metadata:
          name: tunnelconfiguration-6ff42ae2-765d-4adf-8112-31c55c1551ef
        spec:
          resourceType: TunnelConfiguration
          cloudflareId: 6ff42ae2-765d-4adf-8112-31c55c1551ef
          accountId: 0123456789abcdef0123456789abcdef
          sources:
            - ref:
                kind: ClusterTunnel
                name: edge
              priority: 10
              lastUpdated: "2025-03-01T09:00:00Z"
              config:
                warpRouting: true
                fallbackTarget: http_status:404
            - ref:
                kind: Ingress
                namespace: shop
                name: shop
              lastUpdated: "2025-06-01T08:00:00Z"
              config:
                rules:
                  - hostname: shop.example.com
                    service: http://storefront.shop.svc:8080
        status:
          syncStatus: Synced
          lastSyncTime: "2025-06-01T08:00:02Z"
          configHash: sha256:0000000000000000000000000000000000000000000000000000000000000000
          appliedVersion: 12
          attempts: 1
          observedGeneration: 4
          sourceCount: 2
          aggregatedConfig:
            warp-routing:
              enabled: true
            ingress:
              - hostname: shop.example.com
                service: http://storefront.shop.svc:8080
              - service: http_status:404
          conditions:
            - type: Ready
              status: "True"
              reason: Synced
              message: applied as version 12
              lastTransitionTime: "2025-06-01T08:00:02Z"
              observedGeneration: 4
        """;

    public static IReadOnlyList<JsonObject> All { get; } =
        [.. ManifestReader.ReadText(Yaml, "Examples.cs").Select(d => d.Object)];

    /// <summary>A fresh copy of the example of a kind (and version prefix, when several exist).</summary>
    public static JsonObject Of(string kind) =>
        All.First(o => (string?)o["kind"] == kind).DeepClone().AsObject();
}
