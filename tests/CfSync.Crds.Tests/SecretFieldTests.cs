using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CfSync.Crds.Tests;

/// <summary>No CRD declares a field that would hold a credential; Secrets are only referenced by name.</summary>
public partial class SecretFieldTests
{
    /// <summary>References to a Secret or credentials object by name: the only secret-sounding fields allowed.</summary>
    /// <remarks>allowCredentials is the CORS flag of an Access application, not a credential.</remarks>
    private static readonly HashSet<string> SecretReferences = new(StringComparer.Ordinal)
    {
        "secret", "credentialsRef", "secretRef", "secretName", "allowCredentials",
    };

    [Fact]
    public void No_CRD_declares_a_field_for_a_secret_value()
    {
        var offending = new List<string>();
        foreach (var crd in Crd.All)
        {
            foreach (var version in crd.Versions)
            {
                var schema = version["schema"]!["openAPIV3Schema"]!.AsObject();
                foreach (var (path, name) in FieldNames(schema, $"{crd.Kind}/{version["name"]}"))
                {
                    if (SecretLike().IsMatch(name) && !SecretReferences.Contains(name))
                    {
                        offending.Add(path);
                    }
                }
            }
        }

        Assert.Empty(offending);
    }

    [Theory]
    [InlineData("CLOUDFLARE_API_TOKEN")]
    [InlineData("apiKey")]
    [InlineData("password")]
    [InlineData("clientSecret")]
    [InlineData("privateKey")]
    [InlineData("tunnelToken")]
    public void The_check_recognises_credential_fields(string name)
    {
        Assert.Matches(SecretLike(), name);
    }

    [Fact]
    public void The_Secret_name_references_are_described_as_names()
    {
        foreach (var crd in Crd.All)
        {
            foreach (var version in crd.Versions)
            {
                var cloudflare = version["schema"]!["openAPIV3Schema"]!["properties"]?["spec"]?["properties"]?["cloudflare"];
                if (cloudflare is not null)
                {
                    Assert.Contains("Name of the Secret", (string?)cloudflare["properties"]!["secret"]!["description"], StringComparison.Ordinal);
                }
            }
        }
    }

    private static IEnumerable<(string Path, string Name)> FieldNames(JsonObject schema, string path)
    {
        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
        {
            yield return ($"{path}.{name}", name);
            foreach (var nested in FieldNames(property!.AsObject(), $"{path}.{name}"))
            {
                yield return nested;
            }
        }

        if (schema["items"] is JsonObject items)
        {
            foreach (var nested in FieldNames(items, path + "[]"))
            {
                yield return nested;
            }
        }

        if (schema["additionalProperties"] is JsonObject additional)
        {
            foreach (var nested in FieldNames(additional, path + "{}"))
            {
                yield return nested;
            }
        }
    }

    [GeneratedRegex("token|passw|secret|api_?key|private_?key|credential", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretLike();
}
