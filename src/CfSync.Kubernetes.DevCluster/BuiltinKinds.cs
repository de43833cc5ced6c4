using System.Globalization;
using System.Text.Json.Nodes;

namespace CfSync.Kubernetes.DevCluster;

/// <summary>
/// The Kubernetes and Gateway API kinds served besides our CRDs, with the short names, columns and strategic merge
/// patch list keys of the real ones (kube-apiserver's printers; the Gateway API CRDs' printer columns). Gateway API kinds
/// are custom resources on a real cluster, so they take no strategic merge patch.
/// </summary>
internal static class BuiltinKinds
{
    public static IReadOnlyList<ApiResource> All { get; } =
    [
        Core("namespaces", "Namespace", namespaced: false, status: true) with
        {
            ShortNames = ["ns"],
            Columns = [Text("Status", o => Str(o, "status", "phase")), PrinterColumn.Age],
            StrategicMerge = PatchStrategies.With(("status.conditions", ListMerge.ByKey("type"))),
            SelectableFields = Fields("status.phase"),
        },
        Core("services", "Service", namespaced: true, status: true) with
        {
            ShortNames = ["svc"],
            Categories = ["all"],
            Columns =
            [
                Text("Type", o => Str(o, "spec", "type")),
                Text("Cluster-IP", o => Str(o, "spec", "clusterIP")),
                Text("External-IP", ServiceExternalIp),
                Text("Port(s)", ServicePorts),
                PrinterColumn.Age,
                Text("Selector", o => o["spec"]?["selector"] is JsonObject s && s.Count > 0 ? string.Join(',', s.Select(p => $"{p.Key}={p.Value}")) : "<none>") with { Priority = 1 },
            ],
            StrategicMerge = PatchStrategies.With(("spec.ports", ListMerge.ByKey("port")), ("status.conditions", ListMerge.ByKey("type"))),
        },
        Core("secrets", "Secret", namespaced: true, status: false) with
        {
            Columns = [Text("Type", o => Str(o, "type")), Count("Data", "data", "stringData"), PrinterColumn.Age],
            StrategicMerge = PatchStrategies.ObjectMetaOnly,
            SelectableFields = Fields("type"),
        },
        Core("configmaps", "ConfigMap", namespaced: true, status: false) with
        {
            ShortNames = ["cm"],
            Columns = [Count("Data", "data", "binaryData"), PrinterColumn.Age],
            StrategicMerge = PatchStrategies.ObjectMetaOnly,
        },
        Core("events", "Event", namespaced: true, status: false) with
        {
            ShortNames = ["ev"],
            Columns = EventColumns("involvedObject", "source"),
            StrategicMerge = PatchStrategies.ObjectMetaOnly,
            // What kubectl describe selects an object's events by (involvedObject.kind, .name, .namespace, .uid), and the rest
            // of the core Event's selectable fields.
            SelectableFields = new Dictionary<string, string>(Fields(
                "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
                "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
                "reason", "reportingComponent", "type"), StringComparer.Ordinal) { ["source"] = "source.component" },
        },
        Builtin("networking.k8s.io", "v1", "ingresses", "Ingress", namespaced: true, status: true) with
        {
            ShortNames = ["ing"],
            Columns =
            [
                Text("Class", o => Str(o, "spec", "ingressClassName")),
                Text("Hosts", IngressHosts),
                Text("Address", o => LoadBalancer(o) is { Length: > 0 } address ? address : null),
                Text("Ports", o => o["spec"]?["tls"] is JsonArray { Count: > 0 } ? "80, 443" : "80"),
                PrinterColumn.Age,
            ],
            StrategicMerge = PatchStrategies.ObjectMetaOnly,
        },
        Builtin("networking.k8s.io", "v1", "ingressclasses", "IngressClass", namespaced: false, status: false) with
        {
            Columns = [Text("Controller", o => Str(o, "spec", "controller")), Text("Parameters", IngressClassParameters), PrinterColumn.Age],
            StrategicMerge = PatchStrategies.ObjectMetaOnly,
        },
        // Served (always empty: no controller fills them) so that kubectl describe finds a Service's endpoints, as on a cluster.
        Builtin("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", namespaced: true, status: false) with
        {
            Columns = [Text("AddressType", o => Str(o, "addressType")), PrinterColumn.Age],
            StrategicMerge = PatchStrategies.ObjectMetaOnly,
        },
        Builtin("coordination.k8s.io", "v1", "leases", "Lease", namespaced: true, status: false) with
        {
            Columns = [Text("Holder", o => Str(o, "spec", "holderIdentity")), PrinterColumn.Age],
            StrategicMerge = PatchStrategies.ObjectMetaOnly,
        },
        Builtin("events.k8s.io", "v1", "events", "Event", namespaced: true, status: false) with
        {
            ShortNames = ["ev"],
            Columns = EventColumns("regarding", "reportingController"),
            StrategicMerge = PatchStrategies.ObjectMetaOnly,
        },
        GatewayApi("gatewayclasses", "GatewayClass", namespaced: false) with
        {
            ShortNames = ["gc"],
            Categories = ["gateway-api"],
            Columns =
            [
                PrinterColumn.FromJsonPath("Controller", "string", ".spec.controllerName"),
                PrinterColumn.FromJsonPath("Accepted", "string", ".status.conditions[?(@.type==\"Accepted\")].status"),
                PrinterColumn.Age,
                PrinterColumn.FromJsonPath("Description", "string", ".spec.description") with { Priority = 1 },
            ],
        },
        GatewayApi("gateways", "Gateway", namespaced: true) with
        {
            ShortNames = ["gtw"],
            Categories = ["gateway-api"],
            Columns =
            [
                PrinterColumn.FromJsonPath("Class", "string", ".spec.gatewayClassName"),
                PrinterColumn.FromJsonPath("Address", "string", ".status.addresses[*].value"),
                PrinterColumn.FromJsonPath("Programmed", "string", ".status.conditions[?(@.type==\"Programmed\")].status"),
                PrinterColumn.Age,
            ],
        },
        GatewayApi("httproutes", "HTTPRoute", namespaced: true) with
        {
            Categories = ["gateway-api"],
            Columns = [PrinterColumn.FromJsonPath("Hostnames", "string", ".spec.hostnames"), PrinterColumn.Age],
        },
    ];

    private static Dictionary<string, string> Fields(params string[] paths) => paths.ToDictionary(p => p, p => p, StringComparer.Ordinal);

    private static ApiResource Core(string plural, string kind, bool namespaced, bool status) =>
        Builtin("", "v1", plural, kind, namespaced, status);

    private static ApiResource Builtin(string group, string version, string plural, string kind, bool namespaced, bool status) =>
        new(group, [version], plural, kind, namespaced, status, AllowUnconditionalUpdate: true);

    // The Gateway API CRDs (standard channel, v1) declare a status subresource on each of these kinds.
    private static ApiResource GatewayApi(string plural, string kind, bool namespaced) =>
        new("gateway.networking.k8s.io", ["v1"], plural, kind, namespaced, HasStatusSubresource: true, AllowUnconditionalUpdate: true);

    private static PrinterColumn Text(string name, Func<JsonObject, string?> cell) => new(name, "string", o => cell(o) is { } text ? JsonValue.Create(text) : null);

    private static PrinterColumn Count(string name, params string[] maps) =>
        new(name, "integer", o => JsonValue.Create(maps.Sum(m => (o[m] as JsonObject)?.Count ?? 0)));

    // kube-apiserver's event printer: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE; the rest with -o wide.
    private static PrinterColumn[] EventColumns(string regarding, string source) =>
    [
        new("Last Seen", "date", o => (o["lastTimestamp"] ?? o["eventTime"] ?? o["metadata"]?["creationTimestamp"])?.DeepClone()),
        Text("Type", o => Str(o, "type")),
        Text("Reason", o => Str(o, "reason")),
        Text("Object", o => o[regarding] is JsonObject r ? $"{((string?)r["kind"])?.ToLowerInvariant()}/{r["name"]}" : null),
        Text("Subobject", o => Str(o, regarding, "fieldPath")) with { Priority = 1 },
        Text("Source", o => o[source] is JsonObject s ? (string?)s["component"] : (string?)o[source]) with { Priority = 1 },
        Text("Message", o => Str(o, "message") ?? Str(o, "note")),
        new("First Seen", "date", o => (o["firstTimestamp"] ?? o["eventTime"] ?? o["metadata"]?["creationTimestamp"])?.DeepClone()) { Priority = 1 },
        new("Count", "integer", o => o["count"]?.DeepClone() ?? o["series"]?["count"]?.DeepClone()) { Priority = 1 },
        Text("Name", o => Str(o, "metadata", "name")) with { Priority = 1 },
    ];

    private static string? Str(JsonObject obj, params string[] path)
    {
        JsonNode? node = obj;
        foreach (var field in path)
        {
            node = node?[field];
        }

        return node?.ToString();
    }

    private static string ServiceExternalIp(JsonObject service)
    {
        var external = service["spec"]?["externalIPs"] is JsonArray ips ? ips.Select(i => i?.ToString()).ToList() : [];
        if (Str(service, "spec", "type") == "LoadBalancer")
        {
            var address = LoadBalancer(service);
            return address.Length > 0 ? address : "<pending>";
        }

        return Str(service, "spec", "type") == "ExternalName" ? Str(service, "spec", "externalName") ?? "<none>"
            : external.Count > 0 ? string.Join(',', external) : "<none>";
    }

    private static string ServicePorts(JsonObject service)
    {
        var ports = (service["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>().Select(p =>
        {
            var protocol = (string?)p["protocol"] ?? "TCP";
            return p["nodePort"] is { } nodePort
                ? string.Create(CultureInfo.InvariantCulture, $"{p["port"]}:{nodePort}/{protocol}")
                : string.Create(CultureInfo.InvariantCulture, $"{p["port"]}/{protocol}");
        }).ToList();
        return ports.Count > 0 ? string.Join(',', ports) : "<none>";
    }

    private static string IngressHosts(JsonObject ingress)
    {
        var hosts = (ingress["spec"]?["rules"] as JsonArray ?? []).OfType<JsonObject>().Select(r => (string?)r["host"] ?? "*").ToList();
        return hosts.Count > 0 ? string.Join(',', hosts) : "*";
    }

    private static string? IngressClassParameters(JsonObject ingressClass)
    {
        if (ingressClass["spec"]?["parameters"] is not JsonObject parameters)
        {
            return "<none>";
        }

        var kind = (string?)parameters["kind"];
        var group = (string?)parameters["apiGroup"];
        return $"{(group is null ? kind : $"{kind}.{group}")}/{parameters["name"]}";
    }

    private static string LoadBalancer(JsonObject obj) =>
        string.Join(',', (obj["status"]?["loadBalancer"]?["ingress"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(i => (string?)i["ip"] ?? (string?)i["hostname"]).Where(a => a is not null));
}
