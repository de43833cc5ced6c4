using Fluid;
using Fluid.Values;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CfSync.Monitor.Tests;

/// <summary>
/// What the Durable Functions Monitor hands a custom tab template of an entity, and how it renders it (its
/// <c>custom-tab-markup</c> endpoint): the instance's details, whose <c>Input</c> is the stored scheduler state with
/// <c>state</c> parsed from its JSON string into an object, rendered by Fluid with Newtonsoft.Json objects readable by
/// field name. The in-process backend parses dates (<see cref="DateParseHandling.DateTime"/>), the isolated one keeps
/// them as text (<see cref="DateParseHandling.None"/>): a template must read well with both.
/// </summary>
public sealed class MonitorTab
{
    private static readonly FluidParser Parser = new();

    private readonly IFluidTemplate template;

    public MonitorTab(string path)
    {
        Path = path;
        template = Parser.Parse(File.ReadAllText(path));
    }

    public string Path { get; }

    /// <summary>The tab's name and the entity it is for, from the file name (<c>[Tab name].[entity name].liquid</c>).</summary>
    public (string Tab, string Entity) Names
    {
        get
        {
            var parts = System.IO.Path.GetFileName(Path).Split('.');
            return parts.Length == 3 && parts[2] == "liquid" ? (parts[0], parts[1]) : throw new InvalidOperationException($"{Path} is not named [Tab name].[entity name].liquid");
        }
    }

    public static string TemplatesFolder => System.IO.Path.Combine(CfSync.Testing.RepositoryRoot.Path, "monitor", "tab-templates");

    public string Render(string instanceId, string storedInput, DateParseHandling dates)
    {
        var options = new TemplateOptions();
        options.MemberAccessStrategy.Register<JObject, object?>((obj, name) => obj[name]);
        options.ValueConverters.Add(x => x is JObject obj ? new ObjectValue(obj) : null);
        options.ValueConverters.Add(x => x is JValue value ? value.Value : null);
        var details = new MonitorDetails(instanceId, DateTime.UtcNow, Input(storedInput, dates));
        return template.Render(new TemplateContext(details, options));
    }

    private static JToken Input(string storedInput, DateParseHandling dates)
    {
        var settings = new JsonSerializerSettings { DateParseHandling = dates };
        var input = JsonConvert.DeserializeObject<JToken>(storedInput, settings)!;
        if (input["state"] is JValue { Type: JTokenType.String } state && ((string)state!).StartsWith('{'))
        {
            input["state"] = JsonConvert.DeserializeObject<JToken>((string)state!, settings);
        }

        return input;
    }
}

/// <summary>The members of the Monitor's instance details a CfSync tab reads (their names are the Monitor's).</summary>
public sealed record MonitorDetails(string InstanceId, DateTime LastUpdatedTime, JToken Input);
