using System.Net;
using CfSync.Sync.Client;

namespace CfSync.LocalHost.Tests;

/// <summary>
/// Section 3 of issue 8, over HTTP: a hostile route is a 400 with a problem body naming the part, never a 500 or a
/// crash; the id bound admits an id at the bound and refuses one past it.
/// </summary>
public sealed class HostileInputTests(LocalHostFixture fixture) : IClassFixture<LocalHostFixture>
{
    private LocalHostRig Rig => fixture.Rig;

    [Theory]
    [InlineData("GET", "")]
    [InlineData("POST", "/sync")]
    public async Task An_id_of_3000_characters_is_a_400_naming_the_field(string method, string suffix)
    {
        var request = LocalHostRig.WithKey(new HttpRequestMessage(new HttpMethod(method), $"/api/resources/TunnelConfiguration/{new string('a', 3000)}{suffix}"));
        var problem = await Problems.AssertAsync(await Rig.Http.SendAsync(request), HttpStatusCode.BadRequest);
        Assert.StartsWith("cloudflareId:", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.True(((string?)problem["detail"])!.Length < 300);
    }

    [Fact]
    public async Task An_id_at_the_bound_is_accepted_and_one_past_it_refused()
    {
        // Slashes count three each once encoded: a third of the bound in slashes, plus one, is past it.
        var atBound = new string('a', ResourceRoute.MaxEncodedIdLength);
        var pastBound = Uri.EscapeDataString(new string('/', (ResourceRoute.MaxEncodedIdLength / 3) + 1));
        var accepted = await Rig.Http.SendAsync(LocalHostRig.WithKey(new HttpRequestMessage(HttpMethod.Post, $"/api/resources/NetworkRoute/{atBound}/sync")));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var refused = await Rig.Http.SendAsync(LocalHostRig.WithKey(new HttpRequestMessage(HttpMethod.Post, $"/api/resources/NetworkRoute/{pastBound}/sync")));
        await Problems.AssertAsync(refused, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_unknown_resource_type_is_a_400_naming_the_field()
    {
        var problem = await Problems.AssertAsync(
            await Rig.Http.SendAsync(LocalHostRig.WithKey(new HttpRequestMessage(HttpMethod.Get, "/api/resources/Tunnel/x"))), HttpStatusCode.BadRequest);
        Assert.StartsWith("resourceType:", (string?)problem["detail"], StringComparison.Ordinal);
    }
}
