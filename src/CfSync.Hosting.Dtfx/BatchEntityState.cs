using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;

namespace CfSync.Hosting.Dtfx;

/// <summary>
/// An entity's state during one batch: deserialized on first use, then the same live object for every operation.
/// Unlike the SDK shim it does not serialize on <see cref="SetState"/>; <see cref="Serialize"/> does, when asked.
/// </summary>
sealed class BatchEntityState(DataConverter converter, string? serialized) : TaskEntityState
{
    string? serialized = serialized;
    object? live;
    bool isLive;

    public override bool HasState => this.isLive ? this.live is not null : this.serialized is not null;

    public override object? GetState(Type type)
    {
        if (!this.isLive || (this.live is not null && !type.IsInstanceOfType(this.live)))
        {
            // Read as another type, the state goes through its serialized form, as with the shim.
            this.live = converter.Deserialize(this.Serialize(), type);
            this.isLive = true;
        }

        return this.live;
    }

    /// <summary>Takes the object as the current state; null deletes the state, as with the shim.</summary>
    public override void SetState(object? state)
    {
        this.live = state;
        this.isLive = true;
    }

    /// <summary>The current state as stored; an untouched state is returned as it came, without a round trip.</summary>
    public string? Serialize() => this.isLive ? converter.Serialize(this.live) : this.serialized;

    /// <summary>Drops the live object: the next read deserializes <paramref name="snapshot"/>.</summary>
    public void Restore(string? snapshot)
    {
        this.serialized = snapshot;
        this.live = null;
        this.isLive = false;
    }
}
