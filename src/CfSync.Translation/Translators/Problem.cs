namespace CfSync.Translation.Translators;

/// <summary>What is wrong with one field of the object being translated.</summary>
internal sealed record Problem(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>A look-up's result: a value, or the problem that prevented it.</summary>
internal readonly record struct Lookup<T>(T? Value, Problem? Problem)
{
    public static implicit operator Lookup<T>(T value) => new(value, null);

    public static implicit operator Lookup<T>(Problem problem) => new(default, problem);
}
