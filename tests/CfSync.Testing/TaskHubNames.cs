namespace CfSync.Testing;

/// <summary>Task hub names that cannot collide between test classes, runs or machines sharing one Azurite.</summary>
public static class TaskHubNames
{
    /// <summary>A valid hub name (letters and digits, &lt;= 45 chars) from a readable prefix and a random suffix.</summary>
    public static string Unique(string prefix)
    {
        string letters = new([.. prefix.Where(char.IsAsciiLetterOrDigit).Take(20)]);
        return $"t{letters}{Guid.NewGuid():N}"[..Math.Min(45, 1 + letters.Length + 16)];
    }
}
