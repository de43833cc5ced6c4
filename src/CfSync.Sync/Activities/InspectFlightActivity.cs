using CfSync.Sync.Orchestrations;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CfSync.Sync.Activities;

/// <summary>
/// Reads an orchestration's runtime status for its entity (see <see cref="InspectFlightOrchestration"/>) and, when
/// asked, terminates one that has outlived its bounds, so it can never apply an old aggregate after a newer one.
/// </summary>
public sealed class InspectFlightActivity(DurableTaskClient client) : TaskActivity<FlightInspectionRequest, FlightInspection>
{
    public override async Task<FlightInspection> RunAsync(TaskActivityContext context, FlightInspectionRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var instance = await client.GetInstanceAsync(input.InstanceId, getInputsAndOutputs: input.Kind == FlightKind.Sync).ConfigureAwait(false);
        if (instance is null)
        {
            return Inspection(input, FlightState.Ended, "not found");
        }

        switch (instance.RuntimeStatus)
        {
            case OrchestrationRuntimeStatus.Completed:
                return Inspection(input, FlightState.Completed, "completed") with
                {
                    Outcome = input.Kind == FlightKind.Sync ? instance.ReadOutputAs<SyncOutcome>() : null,
                };
            case OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated:
                return Inspection(input, FlightState.Ended, $"{instance.RuntimeStatus}: {instance.FailureDetails?.ErrorMessage}".TrimEnd(' ', ':'));
            case OrchestrationRuntimeStatus.Suspended:
            case not OrchestrationRuntimeStatus.Completed when input.Terminate:
                // Suspended, it would hold the entity for good; past twice its lease, it is stuck.
                await client.TerminateInstanceAsync(input.InstanceId, $"CfSync: recovered by its entity ({instance.RuntimeStatus} past its lease)").ConfigureAwait(false);
                return Inspection(input, FlightState.Ended, $"terminated by CfSync: {instance.RuntimeStatus} past its lease");
            default:
                return Inspection(input, FlightState.Running, instance.RuntimeStatus.ToString());
        }
    }

    private static FlightInspection Inspection(FlightInspectionRequest input, FlightState state, string detail) =>
        new(input.InstanceId, input.Kind, state, detail);
}
