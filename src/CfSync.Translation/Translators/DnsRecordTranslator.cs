using System.Text.Json.Nodes;
using CfSync.Core.Objects;
using CfSync.Core.Resources;
using CfSync.Translation.Manifests;
using CfSync.Translation.Models;

namespace CfSync.Translation.Translators;

/// <summary>
/// DNSRecord -> the record body; data keys in Cloudflare's snake_case; keyed by type and fully qualified name in its
/// zone. A name is made fully qualified as Cloudflare does (<see cref="DnsNames"/>), so <c>@</c>, <c>www</c> and
/// <c>www.example.com</c> meet the record Cloudflare holds under the same key.
/// </summary>
internal sealed class DnsRecordTranslator : IKindTranslator
{
    public IReadOnlyCollection<string> Versions { get; } = ["v1alpha2"];

    public bool ClusterScoped => false;

    public TranslationResult Translate(JsonObject obj, IClusterView view)
    {
        var record = ModelJson.Read<DnsRecord>(obj);
        var context = SourceContext.Of("DNSRecord", record.Metadata, ClusterScoped);
        var spec = record.Spec ?? new DnsRecordSpec();
        if (string.IsNullOrEmpty(spec.Type))
        {
            return context.Rejected(new Problem("spec.type", "is required"));
        }

        if (string.IsNullOrEmpty(spec.Name))
        {
            return context.Rejected(new Problem("spec.name", "is required"));
        }

        var domain = spec.Cloudflare?.Domain;
        if (string.IsNullOrEmpty(domain) && spec.Name == DnsNames.Apex)
        {
            return context.Rejected(new Problem("spec.name", "'@' is the zone apex: spec.cloudflare.domain (the zone's name) is required to name it"));
        }

        var name = DnsNames.Fqdn(spec.Name, domain);
        var body = new JsonBody()
            .Add("type", spec.Type)
            .Add("name", name)
            .Add("content", spec.Content)
            .Add("ttl", spec.Ttl)
            .Add("proxied", spec.Proxied)
            .Add("comment", spec.Comment)
            .Add("tags", spec.Tags)
            .Add("priority", spec.Priority)
            .Add("data", JsonNaming.SnakeCaseKeys(spec.Data));
        var identity = new ResourceIdentity(ResourceType.DNSRecord, NaturalKeys.DnsRecord(spec.Type, name));
        var scope = new ResourceScope(spec.Cloudflare?.AccountId, spec.Cloudflare?.ZoneId);
        return context.Registered(identity, scope, new ObjectFragment(ResourceType.DNSRecord, body.Object) { Adopt = Annotations.Adopts(record.Metadata) });
    }
}
