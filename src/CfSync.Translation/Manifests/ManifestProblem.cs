namespace CfSync.Translation.Manifests;

/// <summary>
/// One thing wrong with a manifest. <paramref name="Document"/> is the 1-based index of the YAML document in the
/// file (0: the problem is the file itself); <paramref name="Line"/> and <paramref name="Column"/> are 1-based
/// (0: unknown). <paramref name="ObjectName"/> names the object (<c>Kind namespace/name</c>) once its kind and name are
/// known; <paramref name="Field"/> is the path of the field in the document (<c>metadata.name</c>,
/// <c>items[2].kind</c>) when one is to blame. Values from the input are quoted at bounded length.
/// </summary>
public sealed record ManifestProblem(string File, int Document, int Line, int Column, string? ObjectName, string? Field, string Message)
{
    /// <summary><c>file:line:column: document N: Object: field: message</c>, without the parts that are unknown.</summary>
    public override string ToString()
    {
        var where = (Line, Column) switch
        {
            (0, _) => File,
            (_, 0) => $"{File}:{Line}",
            _ => $"{File}:{Line}:{Column}",
        };
        var document = Document > 0 ? $" document {Document}:" : string.Empty;
        var obj = ObjectName is null ? string.Empty : $" {ObjectName}:";
        var field = Field is null ? string.Empty : $" {Field}:";
        return $"{where}:{document}{obj}{field} {Message}";
    }
}
