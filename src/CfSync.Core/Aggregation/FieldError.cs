namespace CfSync.Core.Aggregation;

/// <summary>A validation failure: the field (a path inside the fragment or object) and what is wrong.</summary>
public sealed record FieldError(string Field, string Message)
{
    public FieldError Under(string parent) => this with { Field = string.IsNullOrEmpty(Field) ? parent : $"{parent}.{Field}" };

    public override string ToString() => $"{Field}: {Message}";
}
