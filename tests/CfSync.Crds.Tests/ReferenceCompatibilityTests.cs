using System.Text.Json.Nodes;
using CfSync.Translation.Manifests;

namespace CfSync.Crds.Tests;

/// <summary>
/// Objects users already have (written against the Go operator's CRDs) keep every field under our CRDs: each
/// field the reference declares is declared by ours with the same type, or sits inside a sub-object that
/// preserves unknown fields, so the API server never prunes it.
/// </summary>
public class ReferenceCompatibilityTests
{
    /// <summary>
    /// CloudflareSyncState is internal and rewritten by CfSync. The Go operator's credentialsRef, retry bookkeeping
    /// and resultData (which carried tunnel tokens) are deliberately not part of ours.
    /// </summary>
    private static readonly HashSet<string> DeliberatelyDropped = new(StringComparer.Ordinal)
    {
        "CloudflareSyncState v1alpha2 $.spec.credentialsRef",
        "CloudflareSyncState v1alpha2 $.status.configVersion",
        "CloudflareSyncState v1alpha2 $.status.error",
        "CloudflareSyncState v1alpha2 $.status.errorCategory",
        "CloudflareSyncState v1alpha2 $.status.failedAt",
        "CloudflareSyncState v1alpha2 $.status.failureReason",
        "CloudflareSyncState v1alpha2 $.status.maxRetries",
        "CloudflareSyncState v1alpha2 $.status.resultData",
        "CloudflareSyncState v1alpha2 $.status.retryCount",
    };

    public static TheoryData<string> Kinds => [.. Crd.All.Select(c => c.Kind)];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_reference_field_is_kept_by_our_CRD(string kind)
    {
        var reference = ManifestReader.ReadPath(RepoPaths.ReferenceCrds)
            .Select(d => d.Object)
            .Single(o => (string?)o["spec"]!["names"]!["kind"] == kind);
        var ours = Crd.For(kind);
        var lost = new List<string>();
        foreach (var version in reference["spec"]!["versions"]!.AsArray().Select(v => v!.AsObject()))
        {
            var name = (string)version["name"]!;
            var ourSchema = ours.OpenApiSchema(name);
            Compare(version["schema"]!["openAPIV3Schema"]!.AsObject(), ourSchema, $"{kind} {name} $", lost);
        }

        var unexpected = lost.Where(p => !DeliberatelyDropped.Contains(p)).ToList();
        Assert.True(unexpected.Count == 0, "pruned: " + string.Join(", ", unexpected));
    }

    private static void Compare(JsonObject reference, JsonObject ours, string path, List<string> lost)
    {
        if (ours["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true && ours["properties"] is null)
        {
            return;
        }

        foreach (var (name, property) in reference["properties"]?.AsObject() ?? [])
        {
            if (ours["properties"]?[name] is JsonObject ourProperty)
            {
                if ((string?)property!["type"] != (string?)ourProperty["type"])
                {
                    lost.Add($"{path}.{name} (type {property["type"]} in the reference, {ourProperty["type"]} in ours)");
                }

                Compare(property.AsObject(), ourProperty, $"{path}.{name}", lost);
            }
            else if (ours["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() != true)
            {
                lost.Add($"{path}.{name}");
            }
        }

        if (reference["items"] is JsonObject items)
        {
            if (ours["items"] is JsonObject ourItems)
            {
                Compare(items, ourItems, path + "[]", lost);
            }
            else
            {
                lost.Add(path + "[]");
            }
        }

        if (reference["additionalProperties"] is JsonObject && ours["additionalProperties"] is null
            && ours["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() != true)
        {
            lost.Add(path + "{}");
        }
    }
}
