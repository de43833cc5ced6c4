using System.Globalization;

namespace CfSync.Comparison.Benchmarks.Scale;

/// <summary>
/// One tunnel a scale case makes: a ClusterTunnel of that name with the Cloudflare id seeded in the emulator, its
/// IngressClass and class config, and <see cref="Ingresses"/> Ingresses of <see cref="HostsPerIngress"/> hosts each,
/// so the tunnel's configuration must end with one rule per hostname.
/// </summary>
internal sealed record ScaleTunnel(string Name, string Id, int Ingresses, int HostsPerIngress)
{
    public int Rules => Ingresses * HostsPerIngress;

    public string IngressName(int ingress) => string.Create(CultureInfo.InvariantCulture, $"{Name}-{ingress:D4}");

    public string Hostname(int ingress, int host) => string.Create(CultureInfo.InvariantCulture, $"h{host}.i{ingress}.{Name}.example.com");

    public IEnumerable<string> Hostnames =>
        Enumerable.Range(0, Ingresses).SelectMany(i => Enumerable.Range(0, HostsPerIngress).Select(h => Hostname(i, h)));

    /// <summary>
    /// <paramref name="count"/> tunnels named <c>scale-{label}-{n}</c>, with ids of their own per case
    /// (<paramref name="caseNumber"/>), so no case meets another's tunnel.
    /// </summary>
    public static IReadOnlyList<ScaleTunnel> Plan(int caseNumber, string label, int count, int ingresses, int hostsPerIngress) =>
        [.. Enumerable.Range(0, count).Select(n => new ScaleTunnel(
            string.Create(CultureInfo.InvariantCulture, $"scale-{label}-{n}"),
            string.Create(CultureInfo.InvariantCulture, $"5ca1e000-0000-4000-8000-{caseNumber * 1_000_000 + n:D12}"),
            ingresses,
            hostsPerIngress))];
}
