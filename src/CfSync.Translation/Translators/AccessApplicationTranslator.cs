using System.Text.Json.Nodes;
using CfSync.Core.Objects;
using CfSync.Core.Resources;
using CfSync.Translation.Manifests;
using CfSync.Translation.Models;

namespace CfSync.Translation.Translators;

/// <summary>
/// AccessApplication -> the application body in Cloudflare's names, with its inline policies embedded (see
/// <see cref="AccessPolicies"/>). IdP refs, reusable policies, SaaS and SCIM settings need Cloudflare look-ups and are
/// left out with a warning. Keyed by domain, else by <c>name:</c> and the name.
/// </summary>
internal sealed class AccessApplicationTranslator : IKindTranslator
{
    public IReadOnlyCollection<string> Versions { get; } = ["v1alpha2"];

    public bool ClusterScoped => true;

    public TranslationResult Translate(JsonObject obj, IClusterView view)
    {
        var application = ModelJson.Read<AccessApplication>(obj);
        var context = SourceContext.Of("AccessApplication", application.Metadata, ClusterScoped);
        var spec = application.Spec ?? new AccessApplicationSpec();
        var name = string.IsNullOrEmpty(spec.Name) ? application.Metadata.Name : spec.Name;
        var key = NaturalKeys.AccessApplication(string.IsNullOrEmpty(spec.Domain) ? $"name:{name}" : spec.Domain);
        var identity = new ResourceIdentity(ResourceType.AccessApplication, key);
        var scope = new ResourceScope(spec.Cloudflare?.AccountId);
        var policies = AccessPolicies.Translate(spec.Policies, name);
        if (policies.Rejection is { } rejection)
        {
            return new TranslationResult([], [context.Reject(rejection, identity, scope)]);
        }

        var body = new JsonBody()
            .Add("name", name)
            .Add("domain", spec.Domain)
            .Add("type", spec.Type)
            .Add("session_duration", spec.SessionDuration)
            .Add("app_launcher_visible", spec.AppLauncherVisible)
            .Add("auto_redirect_to_identity", spec.AutoRedirectToIdentity)
            .Add("allowed_idps", spec.AllowedIdps)
            .Add("allow_authenticate_via_warp", spec.AllowAuthenticateViaWarp)
            .Add("custom_deny_message", spec.CustomDenyMessage)
            .Add("custom_deny_url", spec.CustomDenyUrl)
            .Add("custom_non_identity_deny_url", spec.CustomNonIdentityDenyUrl)
            .Add("enable_binding_cookie", spec.EnableBindingCookie)
            .Add("http_only_cookie_attribute", spec.HttpOnlyCookieAttribute)
            .Add("same_site_cookie_attribute", spec.SameSiteCookieAttribute)
            .Add("logo_url", spec.LogoUrl)
            .Add("skip_interstitial", spec.SkipInterstitial)
            .Add("options_preflight_bypass", spec.OptionsPreflightBypass)
            .Add("service_auth_401_redirect", spec.ServiceAuth401Redirect)
            .Add("path_cookie_attribute", spec.PathCookieAttribute)
            .Add("tags", spec.Tags)
            .Add("self_hosted_domains", spec.SelfHostedDomains)
            .Add("cors_headers", JsonNaming.SnakeCaseKeys(spec.CorsHeaders))
            .Add("policies", policies.Policies);
        var fragment = new ObjectFragment(ResourceType.AccessApplication, body.Object) { Adopt = Annotations.Adopts(application.Metadata) };
        var warnings = policies.Warnings.ToList();
        if (UnappliedFields.In(obj, "spec", UnappliedFields.AccessApplication, "the application is synced without them") is { } unapplied)
        {
            warnings.Add(unapplied);
        }

        return context.Registered(identity, scope, fragment) with { Warnings = [.. warnings.Select(w => context.Warn(w, identity))] };
    }
}
