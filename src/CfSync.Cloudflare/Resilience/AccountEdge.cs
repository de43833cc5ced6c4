using Polly;

namespace CfSync.Cloudflare.Resilience;

/// <summary>What all callers of one account share: the rate budget and the pipeline (so the circuit state is shared too).</summary>
public sealed record AccountEdge(string AccountKey, AccountRateBudget Budget, ResiliencePipeline<HttpResponseMessage> Pipeline);
