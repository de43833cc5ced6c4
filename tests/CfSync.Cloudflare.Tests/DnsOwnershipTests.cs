using System.Text.Json.Nodes;
using CfSync.Cloudflare.Dns;
using CfSync.Cloudflare.Ownership;

namespace CfSync.Cloudflare.Tests;

/// <summary>The registries' naming and marking, the TXT cipher, the normal form and the options that configure them.</summary>
public sealed class DnsOwnershipTests
{
    private static readonly string Key = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray());

    [Theory]
    [InlineData("CNAME", "app.example.com", "cname-app.example.com")]
    [InlineData("A", "Deep.App.Example.com.", "a-deep.app.example.com")]
    [InlineData("CNAME", "*.example.com", "cname-_wildcard.example.com")]
    [InlineData("CNAME", "*.dev.example.com", "cname-_wildcard.dev.example.com")]
    [InlineData("MX", "example.com", "mx-_apex.example.com")]
    public void Txt_registry_names_follow_external_dns_with_wildcard_and_apex_labels(string type, string name, string expected) =>
        Assert.Equal(expected, TxtRegistry.EntryName("example.com", type, name));

    [Fact]
    public void The_cipher_is_deterministic_per_plaintext_and_refuses_other_keys()
    {
        var cipher = new TxtCipher(Key);
        const string Marker = "heritage=cfsync,cfsync/owner=a,cfsync/resource=Ingress/x/y";
        var first = cipher.Encrypt(Marker);
        Assert.Equal(first, cipher.Encrypt(Marker));
        Assert.NotEqual(first, cipher.Encrypt(Marker + "z"));
        Assert.Equal(Marker, cipher.Decrypt(first));
        Assert.Equal(Marker, cipher.Decrypt($"\"{first}\""));
        var other = new TxtCipher(Convert.ToBase64String(new byte[32]));
        Assert.Null(other.Decrypt(first));
        Assert.Null(cipher.Decrypt(Marker));
        Assert.Null(cipher.Decrypt(TxtCipher.Prefix + "not base64!"));
    }

    [Fact]
    public void The_comment_registry_keeps_the_owner_whole_and_drops_the_resource_first()
    {
        var form = DnsRecordForm.Of("CNAME", "app.example.com", "t.cfargotunnel.com", 1, true, "user text", null, 100);
        var marker = new OwnershipMarker("cluster-a", "Ingress/shop/app");
        var roomy = new CommentRegistry(new OwnershipOptions { CommentLimit = 100 }).Mark(form, marker);
        Assert.Equal("heritage=cfsync,cfsync/owner=cluster-a,cfsync/resource=Ingress/shop/app user text", roomy.Comment);
        Assert.Equal(marker, OwnershipMarker.Find(roomy.Comment));
        var tight = new CommentRegistry(new OwnershipOptions { CommentLimit = 40 }).Mark(form, marker);
        Assert.Equal("heritage=cfsync,cfsync/owner=cluster-a u", tight.Comment);
        Assert.Equal(new OwnershipMarker("cluster-a", null), OwnershipMarker.Find(tight.Comment));
    }

    [Fact]
    public void The_normal_form_ignores_what_cloudflare_treats_as_the_same()
    {
        var wanted = DnsRecordForm.Of("cname", "App.Example.com.", "Target.Example.org.", 300, true, "c", ["b:2", "a:1"], 100);
        var held = DnsRecordForm.Of("CNAME", "app.example.com", "target.example.org", 1, true, "c", ["a:1", "b:2"], 100);
        Assert.Empty(wanted.DifferencesFrom(held));
        var txt = DnsRecordForm.Of("TXT", "t.example.com", "\"v=1\"", null, null, new string('x', 120), null, 100);
        Assert.Empty(txt.DifferencesFrom(DnsRecordForm.Of("TXT", "t.example.com", "v=1", 1, false, new string('x', 100), null, 100)));
        var data = DnsRecordForm.Of("SRV", "_sip._tcp.example.com", null, 3600, null, null, null, 100, data: new JsonObject { ["port"] = 5060 });
        Assert.Equal(["data {\"port\":5061} -> {\"port\":5060}"], data.DifferencesFrom(data with { Data = new JsonObject { ["port"] = 5061 } }));
    }

    [Theory]
    [InlineData("not base64")]
    [InlineData("AAAA")]
    public void A_bad_encryption_key_and_bad_dns_options_fail_validation(string key)
    {
        var options = new CloudflareOptions { ApiToken = "t" };
        options.Ownership.TxtEncryptionKey = key;
        options.Dns.BatchSize = 0;
        options.Dns.ZoneCacheTtl = TimeSpan.Zero;
        var result = new CloudflareOptionsValidator().Validate(null, options);
        Assert.Contains("Cloudflare:Ownership:TxtEncryptionKey must be base64 of 32 bytes (an AES-256 key).", result.Failures!);
        Assert.Contains("Cloudflare:Dns:BatchSize must be between 1 and 1000.", result.Failures!);
        Assert.Contains("Cloudflare:Dns:ZoneCacheTtl must be positive.", result.Failures!);
        Assert.DoesNotContain(result.Failures!, f => f.Contains(key, StringComparison.Ordinal));

        options.Ownership.TxtEncryptionKey = Key;
        options.Dns = new CloudflareDnsOptions();
        Assert.True(new CloudflareOptionsValidator().Validate(null, options).Succeeded);
    }
}
