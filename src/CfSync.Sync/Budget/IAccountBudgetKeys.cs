namespace CfSync.Sync.Budget;

/// <summary>
/// Names the account budget a process's Cloudflare calls draw from: a label of the token, never the token (the
/// Cloudflare edge implements it). Every worker using one token names the same budget entity.
/// </summary>
public interface IAccountBudgetKeys
{
    string AccountKey { get; }
}

/// <summary>For hosts without a Cloudflare edge (tests with other appliers): one budget for the process's calls.</summary>
public sealed class SingleAccountBudgetKeys : IAccountBudgetKeys
{
    public string AccountKey => "default";
}
