using CfSync.Core.Tunnels;

namespace CfSync.Core.Tests;

/// <summary>
/// Table of cloudflared's rules: each row is (value, valid?, why the row exists).
/// </summary>
public sealed class ValidationVectorTests
{
    public static TheoryData<string?, bool, string> Hostnames => new()
    {
        { "app.example.com", true, "an ordinary hostname" },
        { "*.example.com", true, "a wildcard as the whole first label is what cloudflared allows" },
        { null, true, "no hostname matches every host" },
        { "*", true, "a lone * also matches every host" },
        { "app.example.com:443", false, "cloudflared refuses a port in the hostname" },
        { "app.*.example.com", false, "* only as the first label" },
        { "*app.example.com", false, "* must be a whole label, not part of one" },
        { "*.*.example.com", false, "at most one wildcard" },
        { "-app.example.com", false, "labels cannot start with a dash" },
        { "app..example.com", false, "empty labels are not DNS names" },
        { "APP.Example.com", true, "hostnames are case-insensitive; the aggregate lower-cases them" },
    };

    public static TheoryData<string, bool, string> Services => new()
    {
        { "http://web.default.svc:80", true, "plain http origin" },
        { "https://web.default.svc", true, "https without an explicit port" },
        { "ws://chat:8080", true, "websocket origin" },
        { "wss://chat:8443", true, "secure websocket origin" },
        { "tcp://db.default.svc:5432", true, "tcp over the tunnel" },
        { "ssh://bastion:22", true, "ssh origin" },
        { "rdp://desktop:3389", true, "rdp origin" },
        { "smb://files:445", true, "smb origin" },
        { "unix:/run/app.sock", true, "unix socket" },
        { "unix+tls:/run/app.sock", true, "unix socket with TLS" },
        { "http_status:404", true, "a fixed status" },
        { "http_status:100", true, "lowest status cloudflared allows" },
        { "http_status:999", true, "highest status cloudflared allows" },
        { "http_status:99", false, "status below 100" },
        { "http_status:1000", false, "status above 999" },
        { "http_status:abc", false, "status must be a number" },
        { "hello_world", true, "cloudflared's built-in test origin" },
        { "bastion", true, "bastion mode" },
        { "http://web:80/", false, "cloudflared refuses any path on the origin, even /" },
        { "http://web:80/api", false, "origin paths are not supported: the visitor's path is forwarded" },
        { "web:80", false, "a URL service needs a scheme" },
        { "ftp://files:21", false, "scheme cloudflared does not proxy" },
        { "unix:", false, "a unix service needs a socket path" },
        { "", false, "service is required" },
    };

    public static TheoryData<string, bool, string> Paths => new()
    {
        { "^/api(/.*)?$", true, "what a Prefix path becomes" },
        { @"^/a\.b$", true, "what an Exact path becomes" },
        { "^/(?i)Admin", true, "RE2 inline flags" },
        { "^/(?P<v>v[0-9]+)/", true, "RE2 named group" },
        { "^/x{2,3}$", true, "bounded repetition" },
        { "^/x{3,2}$", false, "repetition bounds out of order" },
        { "^/x{1001}$", false, "RE2 caps repetition at 1000" },
        { "^/(?=api)", false, "RE2 has no lookahead" },
        { "^/(?<!x)y", false, "RE2 has no lookbehind" },
        { @"^/(a)\1$", false, "RE2 has no backreferences" },
        { "^/(api", false, "unbalanced parenthesis" },
        { "^/api)", false, "unexpected closing parenthesis" },
        { "^/[a-", false, "unterminated character class" },
        { "^/[z-a]", false, "reversed class range" },
        { "*api", false, "repetition with nothing to repeat" },
        { "^/a**", false, "nested repetition operators" },
        { "^/a*?", true, "non-greedy repetition is fine" },
        { "^/[[:alpha:]]+$", true, "POSIX class inside brackets" },
        { "^/[[:letters:]]$", false, "unknown POSIX class" },
        { @"^/\d+\.json$", true, "Perl classes and escaped dot" },
        { @"^/\_x", true, "Go accepts escaped punctuation such as \\_" },
        { @"^/\q", false, "unknown letter escape" },
    };

    [Theory]
    [MemberData(nameof(Hostnames))]
    public void Hostname(string? hostname, bool valid, string reason) =>
        Assert.True(valid == (HostnameRules.Validate(hostname) is null), reason);

    [Theory]
    [MemberData(nameof(Services))]
    public void Service(string service, bool valid, string reason) =>
        Assert.True(valid == (ServiceRules.Validate(service) is null), $"{reason}: {ServiceRules.Validate(service)}");

    [Theory]
    [MemberData(nameof(Paths))]
    public void Path(string path, bool valid, string reason) =>
        Assert.True(valid == (Re2Syntax.Check(path) is null), $"{reason}: {Re2Syntax.Check(path)}");

    [Fact]
    public void Access_required_needs_a_team_name()
    {
        var rule = new IngressRule("app.example.com", null, "http://web:80", new OriginRequest
        {
            Access = new AccessSettings { Required = true, AudTag = ["aud"] },
        });
        var error = Assert.Single(IngressRuleValidator.Validate(rule));
        Assert.Equal("originRequest.access.teamName", error.Field);
    }

    [Theory]
    [InlineData("socks", true)]
    [InlineData("", true)]
    [InlineData("http", false)]
    public void Proxy_type_is_empty_or_socks(string proxyType, bool valid)
    {
        var errors = OriginRequestRules.Validate(new OriginRequest { ProxyType = proxyType });
        Assert.Equal(valid, !errors.Any());
    }

    [Fact]
    public void A_contributed_rule_may_not_match_everything()
    {
        var error = Assert.Single(IngressRuleValidator.Validate(new IngressRule(null, null, "http://web:80")));
        Assert.Contains("fallbackTarget", error.Message, StringComparison.Ordinal);
    }
}
