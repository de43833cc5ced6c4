namespace CfSync.Testing;

/// <summary>The Azurite instance the test run points at (started by scripts/test.sh or scripts/azurite.sh).</summary>
public static class Azurite
{
    public const string ConnectionVariable = "CFSYNC_STORAGE_CONNECTION";

    /// <summary>The storage connection string. It embeds an account key: never print it.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{ConnectionVariable} is not set. Run the tests through scripts/test.sh, or start Azurite with " +
                $"`eval \"$(bash scripts/azurite.sh start /tmp/azurite)\"` before `dotnet test`.");
}
