using DurableTask.Core.Entities.OperationFormat;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;

namespace CfSync.Hosting.Dtfx;

/// <summary>The operation an entity's RunAsync dispatches (name -> method, input), over the batch's state and context.</summary>
sealed class BatchEntityOperation(BatchEntityContext context, BatchEntityState state, DataConverter converter) : TaskEntityOperation
{
    string name = "";
    string? input;

    public override string Name => this.name;

    public override TaskEntityContext Context => context;

    public override TaskEntityState State => state;

    public override bool HasInput => this.input is not null;

    public override object? GetInput(Type inputType) => converter.Deserialize(this.input, inputType);

    public void Begin(OperationRequest request)
    {
        this.name = request.Operation ?? throw new ArgumentException($"Operation request {request.Id} has no name.", nameof(request));
        this.input = request.Input;
        context.ParentTraceContext = request.TraceContext;
    }
}
