using System.Text.Json.Serialization;
using k8s.Models;

namespace CfSync.Bridge.Watching;

/// <summary>
/// An object as the bridge reads it: its metadata only. Everything else in the API's answer (spec, status, a Secret's
/// data) is skipped by the parser and never kept.
/// </summary>
internal sealed class MetadataOnly
{
    [JsonPropertyName("metadata")]
    public V1ObjectMeta? Metadata { get; set; }
}

/// <summary>One page of a list, items as <see cref="MetadataOnly"/>.</summary>
internal sealed class MetadataOnlyList
{
    [JsonPropertyName("metadata")]
    public V1ListMeta? Metadata { get; set; }

    [JsonPropertyName("items")]
    public IList<MetadataOnly>? Items { get; set; }
}
