using System.Text.Json.Nodes;

namespace CfSync.Translation.Translators;

/// <summary>
/// Fields of our kinds that CfSync does not apply yet: those the user set are named in one warning, so an object is
/// never synced without part of what it asks for and without a word.
/// </summary>
internal static class UnappliedFields
{
    /// <summary>AccessApplication fields that need Cloudflare look-ups (policy, IdP and SaaS ids) or are not 1:1.</summary>
    public static IReadOnlyList<string> AccessApplication { get; } =
    [
        "reusablePolicyRefs", "allowedIdpRefs", "saasApp", "scimConfig", "destinations", "targetContexts",
        "appLauncherCustomization", "customPages", "gatewayRules", "privateAddress", "domainType",
    ];

    /// <summary>The warning naming which of <paramref name="names"/> are set under <paramref name="path"/>, or null.</summary>
    public static Problem? In(JsonObject obj, string path, IReadOnlyList<string> names, string consequence)
    {
        var parent = obj[path] as JsonObject;
        var present = names.Where(name => parent?[name] is not null).Select(name => $"{path}.{name}").ToList();
        return present.Count == 0 ? null : new Problem(string.Join(", ", present), $"not applied yet; {consequence}");
    }
}
