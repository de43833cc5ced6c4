using System.Reflection;
using System.Text.Json.Nodes;
using CfSync.Cloudflare;
using CfSync.Cloudflare.Emulator;
using CfSync.Sync;
using CfSync.Watchers.Changes;
using Microsoft.Extensions.Configuration;

namespace CfSync.Functions.Tests;

/// <summary>
/// local.settings.sample.json is what a `func start` user copies: every key in it must be one the app reads (a typo
/// would be ignored silently), every setting the app reads must be in it or be one of the few with no default, what it
/// says must be the code's defaults, and a copy must talk to the repository's Cloudflare emulator, not the real API.
/// </summary>
public sealed class LocalSettingsSampleTests
{
    /// <summary>The options classes the Functions app binds (Program.cs), by their configuration sections.</summary>
    private static readonly (string Section, Type Options)[] Sections =
    [
        (SyncOptions.Section, typeof(SyncOptions)),
        (CloudflareOptions.SectionName, typeof(CloudflareOptions)),
        (ChangeQueueOptions.Section, typeof(ChangeQueueOptions)),
    ];

    /// <summary>
    /// Settings read outside the options classes: the worker runtime the Functions host needs, the cluster the
    /// Kubernetes edge finds (KubernetesConnection), and the token's fallback (Kubernetes Secrets expose it as env).
    /// </summary>
    private static readonly string[] HostSettings = ["FUNCTIONS_WORKER_RUNTIME", "KUBECONFIG", CloudflareOptions.TokenEnvironmentVariable];

    /// <summary>Settings without a default value, left out of the sample on purpose (docs/settings.md says when to set them).</summary>
    private static readonly string[] Optional = ["Cloudflare:ApiToken", "Cloudflare:Ownership:TxtEncryptionKey"];

    /// <summary>
    /// The telemetry's standard OpenTelemetry settings (CfSync.Telemetry): off unless set, so not in the sample; a copy
    /// that sets them is still one the app reads.
    /// </summary>
    private static readonly string[] OptionalHostSettings = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_SERVICE_NAME"];

    private static readonly JsonObject Values =
        JsonNode.Parse(File.ReadAllText(Path.Combine(FunctionsOutput.Root, "local.settings.sample.json")))!["Values"]!.AsObject();

    /// <summary>The sample's keys as configuration paths (an app setting's <c>__</c> is the section separator).</summary>
    private static Dictionary<string, string?> Configuration =>
        Values.ToDictionary(v => v.Key.Replace("__", ":", StringComparison.Ordinal), v => (string?)v.Value, StringComparer.OrdinalIgnoreCase);

    private static IConfiguration Built => new ConfigurationBuilder().AddInMemoryCollection(Configuration).Build();

    /// <summary>The connection settings the Functions host resolves: host.json's task hub and every trigger's.</summary>
    private static IEnumerable<string> ConnectionSettings()
    {
        yield return (string)FunctionsOutput.Read("host.json")["extensions"]!["durableTask"]!["storageProvider"]!["connectionStringName"]!;
        foreach (var binding in FunctionsOutput.Read("functions.metadata").AsArray().SelectMany(f => f!["bindings"]!.AsArray()))
        {
            if ((string?)binding!["type"] == "queueTrigger")
            {
                yield return (string?)binding["connection"] ?? "AzureWebJobsStorage";
            }
        }
    }

    /// <summary>Settings named by trigger binding expressions (<c>%CfSync:Changes:Queue%</c>): no default, the host fails without them.</summary>
    private static IEnumerable<string> BindingExpressionSettings() =>
        FunctionsOutput.Read("functions.metadata").AsArray()
            .SelectMany(f => f!["bindings"]!.AsArray())
            .SelectMany(b => b!.AsObject().Select(p => p.Value is JsonValue v && v.TryGetValue<string>(out var text) ? text : null))
            .OfType<string>()
            .Where(text => text.Length > 2 && text[0] == '%' && text[^1] == '%')
            .Select(text => text[1..^1]);

    /// <summary>Every setting an options class binds: its settable properties, nested option objects by their own paths.</summary>
    private static IEnumerable<(string Path, PropertyInfo Property, Func<object, object?> Read)> Leaves(string prefix, Type type, Func<object, object?> read)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true))
        {
            var path = $"{prefix}:{property.Name}";
            Func<object, object?> value = root => read(root) is { } owner ? property.GetValue(owner) : null;
            if (property.PropertyType.IsClass && property.PropertyType != typeof(string) && property.PropertyType != typeof(Uri))
            {
                foreach (var leaf in Leaves(path, property.PropertyType, value))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return (path, property, value);
            }
        }
    }

    private static IEnumerable<(string Path, Type Options, Func<object, object?> Read)> AllLeaves() =>
        Sections.SelectMany(s => Leaves(s.Section, s.Options, root => root).Select(l => (l.Path, s.Options, l.Read)));

    [Fact]
    public void Every_key_is_a_setting_the_app_reads()
    {
        var built = Built;
        foreach (var (section, options) in Sections)
        {
            // Fails naming any key under the section that no property of the options class binds (a typo, a removed option).
            built.GetSection(section).Get(options, binder => binder.ErrorOnUnknownConfiguration = true);
        }

        var known = ConnectionSettings().Concat(HostSettings).Concat(OptionalHostSettings).Concat(AllLeaves().Select(l => l.Path))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain(Configuration.Keys, key => !known.Contains(key));
    }

    [Fact]
    public void Every_setting_the_app_reads_is_in_it_except_those_without_a_default()
    {
        var keys = Configuration.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var required = ConnectionSettings().Concat(BindingExpressionSettings()).Concat(HostSettings).ToList();
        Assert.Contains("CfSync:Changes:Queue", required);
        Assert.DoesNotContain(required, key => !keys.Contains(key));
        Assert.Equal(Optional.Order(), AllLeaves().Select(l => l.Path).Where(path => !keys.Contains(path)).Order());
    }

    [Fact]
    public void Docs_settings_explains_every_setting_the_app_reads()
    {
        var docs = File.ReadAllText(Path.Combine(FunctionsOutput.Root, "docs", "settings.md"));
        var named = ConnectionSettings().Concat(BindingExpressionSettings()).Concat(HostSettings).Concat(OptionalHostSettings)
            .Select(setting => setting.Replace(":", "__", StringComparison.Ordinal))
            .Concat(AllLeaves().Select(l => l.Path.Split(':')[^1]))
            .Distinct();

        // Tables name a setting in backticks, an options property by its path within its section (`Retry:BaseDelay`).
        Assert.DoesNotContain(named, setting => !docs.Contains(setting + "`", StringComparison.Ordinal));
    }

    [Fact]
    public void Its_values_are_the_code_defaults_and_pass_validation()
    {
        var built = Built;
        var bound = Sections.ToDictionary(s => s.Options, s => built.GetSection(s.Section).Get(s.Options)!);
        var defaults = Sections.ToDictionary(s => s.Options, s => Activator.CreateInstance(s.Options)!);
        var differing = AllLeaves()
            .Where(l => l.Path != "Cloudflare:BaseUrl" && !Equals(l.Read(bound[l.Options]), l.Read(defaults[l.Options])))
            .Select(l => $"{l.Path}: {l.Read(bound[l.Options])} (default {l.Read(defaults[l.Options])})");
        Assert.Empty(differing);

        var cloudflare = (CloudflareOptions)bound[typeof(CloudflareOptions)];
        cloudflare.ApiToken = (string)Values[CloudflareOptions.TokenEnvironmentVariable]!;
        Assert.True(new CloudflareOptionsValidator().Validate(null, cloudflare).Succeeded);
        Assert.True(new SyncOptionsValidator().Validate(null, (SyncOptions)bound[typeof(SyncOptions)]).Succeeded);
    }

    [Fact]
    public void A_copy_talks_to_the_local_emulator_and_storage_never_to_the_real_cloudflare()
    {
        var url = Built.GetSection(CloudflareOptions.SectionName).Get<CloudflareOptions>()!.BaseUrl;
        Assert.True(url.IsLoopback, $"{url} is not the emulator on loopback");
        Assert.Equal("/client/v4/", url.AbsolutePath);
        Assert.Equal(EmulatorOptions.DefaultToken, (string?)Values[CloudflareOptions.TokenEnvironmentVariable]);
        Assert.Equal("UseDevelopmentStorage=true", (string?)Values["AzureWebJobsStorage"]);
        Assert.Equal("dotnet-isolated", (string?)Values["FUNCTIONS_WORKER_RUNTIME"]);

        // The README starts the emulator on the sample's port.
        var readme = File.ReadAllText(Path.Combine(FunctionsOutput.Root, "README.md"));
        Assert.Contains($"src/CfSync.Cloudflare.Emulator -- --port {url.Port}", readme, StringComparison.Ordinal);
    }
}
