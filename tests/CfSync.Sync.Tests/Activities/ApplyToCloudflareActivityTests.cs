using CfSync.Core.Resources;
using CfSync.Sync.Activities;
using CfSync.Sync.Applying;
using CfSync.Sync.Orchestrations;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CfSync.Sync.Tests.Activities;

public sealed class ApplyToCloudflareActivityTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ApplyRequest Request = new(new ResourceIdentity(ResourceType.TunnelConfiguration, "t1"), new ResourceScope("acct"), null, null);

    [Fact]
    public async Task An_attempt_reports_its_calls_and_when_they_ended()
    {
        var clock = new FakeTimeProvider(T0);
        var activity = Activity(new CallingApplier(calls: 3, () => clock.Advance(TimeSpan.FromSeconds(2))), clock);

        var result = await activity.RunAsync(new Context(), Request);

        Assert.Equal(3, result.CloudflareCalls);
        Assert.Equal(T0.AddSeconds(2), result.CallsEndedAt); // after the applier returned, not when the attempt began
    }

    [Fact]
    public async Task An_attempt_without_calls_has_no_end_time()
    {
        var clock = new FakeTimeProvider(T0);

        var result = await Activity(new CallingApplier(calls: 0, () => { }), clock).RunAsync(new Context(), Request);

        Assert.Equal(0, result.CloudflareCalls);
        Assert.Null(result.CallsEndedAt);
    }

    private static ApplyToCloudflareActivity Activity(IResourceApplier applier, TimeProvider clock) =>
        new([applier], Options.Create(new SyncOptions()), clock);

    private sealed class CallingApplier(int calls, Action whileCalling) : IResourceApplier
    {
        public ResourceType ResourceType => ResourceType.TunnelConfiguration;

        public Task<ApplyResult> ApplyAsync(ApplyRequest request, CancellationToken cancellationToken)
        {
            for (var i = 0; i < calls; i++)
            {
                CloudflareCallMeter.Record();
            }

            whileCalling();
            return Task.FromResult(ApplyResult.Success());
        }
    }

    private sealed class Context : TaskActivityContext
    {
        public override TaskName Name => nameof(ApplyToCloudflareActivity);

        public override string InstanceId => "t1:sync:1";
    }
}
