using CfSync.Cloudflare.Ownership;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CfSync.Cloudflare.Dns;

/// <summary>Picks the installation's registry from <see cref="OwnershipOptions.DnsRegistry"/>.</summary>
internal static class DnsRegistries
{
    public static IDnsRegistry Create(IServiceProvider services)
    {
        var ownership = services.GetRequiredService<IOptions<CloudflareOptions>>().Value.Ownership;
        return Create(ownership);
    }

    public static IDnsRegistry Create(OwnershipOptions ownership) => ownership.DnsRegistry switch
    {
        DnsRegistryKind.Comment => new CommentRegistry(ownership),
        _ => new TxtRegistry(ownership.TxtEncryptionKey is { } key ? new TxtCipher(key) : null),
    };
}
