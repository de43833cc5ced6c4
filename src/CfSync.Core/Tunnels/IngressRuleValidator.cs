using CfSync.Core.Aggregation;
using CfSync.Core.Text;

namespace CfSync.Core.Tunnels;

/// <summary>Validates one ingress rule a source contributes, with cloudflared's rules.</summary>
public static class IngressRuleValidator
{
    /// <summary>
    /// Errors for a rule that is not the tunnel's fallback. Fields are relative to the rule.
    /// A contributed rule may never match everything: only the fallback, which the aggregate adds last, may.
    /// </summary>
    public static IEnumerable<FieldError> Validate(IngressRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        foreach (var error in ValidateShape(rule))
        {
            yield return error;
        }

        if (rule.IsCatchAll)
        {
            yield return new FieldError("hostname", "a rule without hostname and path would catch every request; only the tunnel's fallbackTarget may do that");
        }
    }

    /// <summary>Hostname, path, service and originRequest checks shared by contributed rules and whole configurations.</summary>
    public static IEnumerable<FieldError> ValidateShape(IngressRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (HostnameRules.Validate(rule.Hostname) is { } hostnameError)
        {
            yield return new FieldError("hostname", hostnameError);
        }

        if (!string.IsNullOrEmpty(rule.Path) && Re2Syntax.Check(rule.Path) is { } pathError)
        {
            yield return new FieldError("path", $"'{Quote.Of(rule.Path)}' is not a valid regular expression: {pathError}");
        }

        if (ServiceRules.Validate(rule.Service) is { } serviceError)
        {
            yield return new FieldError("service", serviceError);
        }

        foreach (var error in OriginRequestRules.Validate(rule.OriginRequest))
        {
            yield return error.Under("originRequest");
        }
    }
}
