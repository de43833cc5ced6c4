using CfSync.Core.Aggregation;
using CfSync.Translation;

namespace CfSync.Cli.Rendering;

/// <summary>
/// <c>--output table</c>: the report for a person reading CI logs. One line per resource (its worst source status,
/// <c>Pending</c> for a tunnel without id yet), one indented line per source with its status and first reason (or
/// first warning), then the unresolved sources and the ignored kinds. The same order as the JSON.
/// </summary>
internal static class RenderTable
{
    public static void Write(RenderReport report, TextWriter output)
    {
        foreach (var resource in report.Resources)
        {
            var status = TunnelIds.IsPending(resource.Resource) ? "Pending" : Worst(resource.Sources).ToString();
            output.WriteLine($"{status,-9}{resource.Resource.ResourceType} {resource.Resource.CloudflareId}");
            WriteSources(resource.Sources, output);
        }

        if (report.Unresolved.Count > 0)
        {
            output.WriteLine("unresolved (no resource found)");
            WriteSources(report.Unresolved, output);
        }

        if (report.Ignored.Count > 0)
        {
            output.WriteLine("ignored (kinds CfSync does not read)");
            foreach (var ignored in report.Ignored)
            {
                output.WriteLine($"  {ignored.Count,7} {ignored.ApiVersion} {ignored.Kind}");
            }
        }
    }

    private static void WriteSources(IEnumerable<SourceOutcome> sources, TextWriter output)
    {
        foreach (var source in sources)
        {
            var detail = source.Reasons.Count > 0 ? source.Reasons[0]
                : source.Warnings.Count > 0 ? $"warning: {source.Warnings[0]}"
                : null;
            output.WriteLine(detail is null ? $"  {source.Status,-9}{source.Source.Key}" : $"  {source.Status,-9}{source.Source.Key}  {detail}");
        }
    }

    private static SourceStatus Worst(IEnumerable<SourceOutcome> sources)
    {
        var statuses = sources.Select(s => s.Status).ToHashSet();
        return statuses.Contains(SourceStatus.Rejected) ? SourceStatus.Rejected
            : statuses.Contains(SourceStatus.Conflict) ? SourceStatus.Conflict
            : SourceStatus.Accepted;
    }
}
