namespace CfSync.Sync.Budget;

/// <summary>
/// The Cloudflare budget every worker shares (configuration section <c>CfSync:Sync:AccountBudget</c>). Cloudflare allows
/// 1200 requests per 5 minutes per token; the default leaves 20% of it to the user's other tools (dashboard, Terraform,
/// cloudflared).
/// </summary>
public sealed class AccountBudgetOptions
{
    /// <summary>Off: syncs take no permit and only each process's own guard limits calls (a single worker, unit tests).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Cloudflare calls granted in any <see cref="Window"/>.</summary>
    public int PermitLimit { get; set; } = 960;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Grants are paced: the window is cut into this many slices, and no slice-long span holds more than its share of
    /// the limit (<see cref="SliceLimit"/>), so a busy minute cannot spend the whole window and leave every later change
    /// waiting for it to pass. 1: no pacing, only the window.
    /// </summary>
    public int PaceSlices { get; set; } = 5;

    public TimeSpan Slice => Window / PaceSlices;

    /// <summary>The calls granted in any <see cref="Slice"/>: the limit's share, rounded down (at least one).</summary>
    public int SliceLimit => Math.Max(1, PermitLimit / PaceSlices);

    /// <summary>
    /// A waiting resource asks again (keeping its place) this long after asking, then after as long as it has waited
    /// so far, up to <see cref="MaxReaskInterval"/>: a lost grant or a lost budget state costs at most that long, and a
    /// long wait behind a busy engine costs few messages.
    /// </summary>
    public TimeSpan ReaskInterval { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan MaxReaskInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>What is wrong with these settings; empty when nothing is.</summary>
    public IEnumerable<string> Problems()
    {
        if (PermitLimit < 1)
        {
            yield return $"AccountBudget.{nameof(PermitLimit)} must be at least 1.";
        }

        if (Window <= TimeSpan.Zero || ReaskInterval <= TimeSpan.Zero)
        {
            yield return $"AccountBudget.{nameof(Window)} and AccountBudget.{nameof(ReaskInterval)} must be positive.";
        }

        if (PaceSlices < 1)
        {
            yield return $"AccountBudget.{nameof(PaceSlices)} must be at least 1.";
        }

        if (MaxReaskInterval < ReaskInterval)
        {
            yield return $"AccountBudget.{nameof(MaxReaskInterval)} must be at least {nameof(ReaskInterval)}.";
        }
    }
}
