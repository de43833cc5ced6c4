using CfSync.Core.Resources;
using CfSync.Sync.Client;
using CfSync.Sync.Entities;

namespace CfSync.LocalHost.Tests;

/// <summary>The id bound both hosts apply: an id that passes fits an Azure Table key with room to spare.</summary>
public sealed class ResourceRouteTests
{
    [Theory]
    [InlineData("6ff42ae2-765d-4adf-8112-31c55c1551ef")]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("10.0.0.0%2F8@prod")]
    [InlineData("CNAME:app.example.com")]
    public void Cloudflare_ids_natural_keys_and_routes_pass(string id) =>
        Assert.True(ResourceRoute.TryParse("DNSRecord", id, out _, out var problem), problem);

    [Fact]
    public void A_dns_name_of_the_longest_kind_passes()
    {
        var name = string.Join('.', Enumerable.Repeat(new string('a', 63), 4))[..253];
        Assert.Null(ResourceRoute.IdProblem(new ResourceIdentity(ResourceType.DNSRecord, NaturalKeys.DnsRecord("CNAME", name))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a%0Ab")]
    [InlineData("a%00")]
    public void Empty_ids_and_control_characters_are_refused(string id)
    {
        Assert.False(ResourceRoute.TryParse("TunnelConfiguration", id, out _, out var problem));
        Assert.StartsWith("cloudflareId:", problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem);
    }

    [Fact]
    public void The_bound_counts_encoded_characters_and_keeps_the_instance_id_within_a_table_key()
    {
        var max = ResourceRoute.MaxEncodedIdLength;
        var atBound = new ResourceIdentity(ResourceType.AccessApplication, new string('?', max / 3) + new string('a', max % 3));
        var pastBound = atBound with { CloudflareId = atBound.CloudflareId + "a" };
        Assert.Null(ResourceRoute.IdProblem(atBound));
        Assert.NotNull(ResourceRoute.IdProblem(pastBound));

        // The longest instance id the engine makes from an accepted id: the sync orchestration's, with a long count.
        var longest = new ResourceIdentity(ResourceType.TunnelConfiguration, new string('a', ResourceRoute.MaxEncodedIdLength));
        var instanceId = $"@{ResourceEntityKey.EntityName}@{ResourceEntityKey.Format(longest)}:sync:{long.MaxValue}";
        Assert.True(instanceId.Length * sizeof(char) <= 1024, $"{instanceId.Length} characters");
    }

    [Fact]
    public void A_long_id_is_quoted_by_a_short_prefix_only()
    {
        var problem = ResourceRoute.IdProblem(new ResourceIdentity(ResourceType.TunnelConfiguration, new string('z', 20_000_000)))!;
        Assert.True(problem.Length < 300, problem);
        Assert.Contains("20000000 characters", problem, StringComparison.Ordinal);
    }
}
