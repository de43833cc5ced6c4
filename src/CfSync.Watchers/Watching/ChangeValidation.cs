using CfSync.Core.Sources;
using CfSync.Core.Text;
using CfSync.Translation;
using CfSync.Watchers.Changes;

namespace CfSync.Watchers.Watching;

/// <summary>A change that names an object CfSync reads, by a valid kind, namespace and name.</summary>
internal sealed record ValidChange(KindDescription Kind, string? Namespace, string Name, string? Uid);

/// <summary>Checks one change of a batch; a bad one is skipped with the reason, the others go on.</summary>
internal static class ChangeValidation
{
    /// <summary>The change, or the reason it names nothing CfSync can read.</summary>
    public static (ValidChange? Change, string? Problem) Check(ObjectChange change)
    {
        // The JSON may leave any field null whatever the record says.
        if (change.Group is null || string.IsNullOrEmpty(change.Kind) || string.IsNullOrEmpty(change.Name))
        {
            return (null, "group, kind and name are required");
        }

        var groupKind = new GroupKind(change.Group, change.Kind);
        if (Kinds.Find(groupKind) is not { } kind)
        {
            return (null, $"kind: '{Quote.Of(groupKind.ToString())}' is not a kind CfSync reads");
        }

        if (Kinds.NameError(groupKind, change.Name) is { } nameError)
        {
            return (null, $"name: '{Quote.Of(change.Name)}' {nameError}");
        }

        if (kind.Namespaced)
        {
            if (string.IsNullOrEmpty(change.Namespace) || KubernetesNames.LabelError(change.Namespace) is not null)
            {
                return (null, $"namespace: '{Quote.Of(change.Namespace ?? "")}' is not a namespace name ({groupKind} is namespaced)");
            }
        }
        else if (!string.IsNullOrEmpty(change.Namespace))
        {
            return (null, $"namespace: must be empty ({groupKind} is cluster-scoped)");
        }

        return (new ValidChange(kind, kind.Namespaced ? change.Namespace : null, change.Name, change.Uid), null);
    }

    public static string Describe(ObjectChange change) =>
        Quote.Of($"{change.Kind}.{change.Group} {change.Namespace}/{change.Name}");
}
