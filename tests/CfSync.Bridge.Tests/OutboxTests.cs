using CfSync.Bridge.Health;
using CfSync.Bridge.Queueing;
using CfSync.Watchers.Changes;
using Microsoft.Extensions.Time.Testing;

namespace CfSync.Bridge.Tests;

public sealed class OutboxTests : IDisposable
{
    private readonly FakeTimeProvider _time;
    private readonly BridgeMetrics _metrics;

    public OutboxTests()
    {
        _time = new FakeTimeProvider();
        _metrics = new BridgeMetrics(new BridgeStatus(_time));
    }

    private static ObjectChange Change(string name, string version, ChangeType type = ChangeType.Modified) =>
        new("", "Service", "default", name, "uid-" + name, version, type);

    [Fact]
    public void A_newer_change_replaces_a_waiting_one_in_its_place_but_a_Resync_never_replaces_a_real_change()
    {
        var outbox = new ChangeOutbox(_time, _metrics);
        outbox.Add(Change("a", "1"));
        outbox.Add(Change("b", "2"));
        outbox.Add(Change("a", "3", ChangeType.Deleted));
        outbox.Add(Change("b", "2", ChangeType.Resync));

        var take = outbox.Peek(10);
        Assert.Equal([Change("a", "3", ChangeType.Deleted), Change("b", "2")], take.Changes.Select(p => p.Change));
        Assert.Equal(1, _metrics.ChangesCoalesced);
    }

    [Fact]
    public void A_change_leaves_only_once_written_and_one_replaced_while_in_flight_stays()
    {
        var outbox = new ChangeOutbox(_time, _metrics);
        outbox.Add(Change("a", "1"));
        outbox.Add(Change("b", "2"));
        var inFlight = outbox.Peek(10);
        outbox.Add(Change("a", "5"));

        outbox.Complete(inFlight);

        Assert.Equal([Change("a", "5")], outbox.Peek(10).Changes.Select(p => p.Change));
    }

    [Fact]
    public void A_sweep_is_due_only_after_every_change_added_before_it_was_written()
    {
        var outbox = new ChangeOutbox(_time, _metrics);
        outbox.Add(Change("a", "1"));
        outbox.RequestSweep();
        outbox.Add(Change("b", "2"));

        var first = outbox.Peek(1);
        Assert.False(first.Sweep);
        Assert.Equal("a", Assert.Single(first.Changes).Change.Name);
        outbox.Complete(first);

        var sweep = outbox.Peek(10);
        Assert.True(sweep.Sweep);
        Assert.Empty(sweep.Changes);
        outbox.Complete(sweep);

        Assert.Equal("b", Assert.Single(outbox.Peek(10).Changes).Change.Name);
    }

    [Fact]
    public void Lag_is_the_age_of_the_oldest_waiting_change()
    {
        var outbox = new ChangeOutbox(_time, _metrics);
        Assert.Equal(TimeSpan.Zero, outbox.Lag());
        outbox.Add(Change("a", "1"));
        _time.Advance(TimeSpan.FromSeconds(3));
        outbox.Add(Change("b", "2"));
        outbox.Add(Change("a", "4"));
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(TimeSpan.FromSeconds(5), outbox.Lag());
        outbox.Complete(outbox.Peek(10));
        Assert.Equal(TimeSpan.Zero, outbox.Lag());
    }

    [Fact]
    public void A_message_holds_as_many_changes_as_fit_in_the_bound()
    {
        var outbox = new ChangeOutbox(_time, _metrics);
        var longName = new string('n', 250);
        for (var i = 0; i < 200; i++)
        {
            outbox.Add(new ObjectChange(new string('g', 200), "TunnelBinding", new string('s', 63), $"{longName}{i:000}", Guid.NewGuid().ToString(), "123456789", ChangeType.Added));
        }

        var (packed, message) = MessagePacking.Pack(outbox.Peek(200));

        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(message), ChangeMessages.MaxBytes / 2, ChangeMessages.MaxBytes);
        Assert.Equal(packed.Changes.Select(p => p.Change), ChangeMessages.Read(message).Changes);
        Assert.True(packed.Changes.Count < 200);
    }

    public void Dispose() => _metrics.Dispose();
}
