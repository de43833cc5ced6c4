using CsCheck;
using Microsoft.Extensions.Time.Testing;

namespace CfSync.Sync.Tests;

public sealed class SignalTimingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // What a storage queue does with a scheduled message: a visibility delay of whole seconds, truncated.
    private static DateTimeOffset Visible(DateTimeOffset sendAt, DateTimeOffset enqueuedAt) =>
        enqueuedAt + TimeSpan.FromSeconds(Math.Max(0, Math.Floor((sendAt - enqueuedAt).TotalSeconds)));

    [Fact]
    public void A_signal_due_under_a_second_ahead_no_longer_becomes_visible_at_once()
    {
        var clock = new FakeTimeProvider(T0);
        var due = T0.AddSeconds(0.97);

        var sendAt = SignalTiming.SendAt(due, clock.GetUtcNow());
        clock.Advance(TimeSpan.FromMilliseconds(50));

        Assert.Equal(T0, Visible(due, T0));
        Assert.Equal(clock.GetUtcNow().AddSeconds(1), Visible(sendAt, clock.GetUtcNow()));
    }

    [Fact]
    public void A_signal_already_due_is_sent_as_it_is()
    {
        Assert.Equal(T0, SignalTiming.SendAt(T0, T0));
        Assert.Equal(T0.AddSeconds(-3), SignalTiming.SendAt(T0.AddSeconds(-3), T0));
    }

    [Fact]
    public void A_future_signal_arrives_on_time_or_late_but_not_a_second_late_plus_the_margin()
    {
        Gen.Select(Gen.Int[1, 600_000], Gen.Int[0, (int)SignalTiming.EnqueueMargin.TotalMilliseconds - 1]).Sample((delayMs, lagMs) =>
        {
            var clock = new FakeTimeProvider(T0);
            var due = T0.AddMilliseconds(delayMs);
            var sendAt = SignalTiming.SendAt(due, clock.GetUtcNow());
            clock.Advance(TimeSpan.FromMilliseconds(lagMs));

            var visible = Visible(sendAt, clock.GetUtcNow());
            return visible >= due && visible < due + TimeSpan.FromSeconds(1) + SignalTiming.EnqueueMargin;
        });
    }
}
