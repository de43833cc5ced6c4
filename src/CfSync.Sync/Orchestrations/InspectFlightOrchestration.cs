using CfSync.Sync.Activities;
using CfSync.Sync.Entities;
using Microsoft.DurableTask;

namespace CfSync.Sync.Orchestrations;

/// <summary>
/// Finds out what became of a flight whose lease ran out (entities cannot query instances themselves) and tells the
/// entity. A failed inspection is reported as <see cref="FlightState.Unknown"/>; the entity's next check asks again.
/// </summary>
public sealed class InspectFlightOrchestration : TaskOrchestrator<FlightInspectionRequest, FlightInspection>
{
    public override async Task<FlightInspection> RunAsync(TaskOrchestrationContext context, FlightInspectionRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        FlightInspection inspection;
        try
        {
            inspection = await context.CallActivityAsync<FlightInspection>(nameof(InspectFlightActivity), input);
        }
        catch (TaskFailedException failure)
        {
            inspection = new FlightInspection(input.InstanceId, input.Kind, FlightState.Unknown, failure.FailureDetails.ErrorMessage);
        }

        await context.ReportToEntityAsync(input.EntityKey, nameof(CloudflareResourceEntity.FlightInspected), inspection);
        return inspection;
    }
}
