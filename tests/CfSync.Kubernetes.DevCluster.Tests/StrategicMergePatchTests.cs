using System.Text.Json.Nodes;

namespace CfSync.Kubernetes.DevCluster.Tests;

// Strategic merge patch as apimachinery's strategicpatch applies it, over the list merge keys of the Kubernetes types
// (docs/dev-cluster.md lists them): keyed lists merge by key, finalizers merge by value, other lists are replaced.
public sealed class StrategicMergePatchTests
{
    private static PatchStrategies Strategies(string kind) =>
        ApiResourceTable.Default.Resources.First(r => r.Kind == kind && r.StrategicMerge is not null).StrategicMerge!;

    private static JsonObject Apply(string kind, string current, string patch) =>
        StrategicMergePatch.Apply(JsonNode.Parse(current)!.AsObject(), JsonNode.Parse(patch), Strategies(kind));

    private static void Same(string expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}\nactual   {actual.ToJsonString()}");

    private const string Service = """{"spec":{"ports":[{"port":80,"name":"http","targetPort":8080},{"port":443,"name":"https"}],"externalIPs":["1.1.1.1","2.2.2.2"]}}""";

    [Fact]
    public void Service_ports_merge_by_port_an_existing_element_merges_and_a_new_one_is_appended()
    {
        var patched = Apply("Service", Service, """{"spec":{"ports":[{"port":80,"targetPort":9090},{"port":8443,"name":"alt"}]}}""");

        Same("""[{"port":80,"name":"http","targetPort":9090},{"port":443,"name":"https"},{"port":8443,"name":"alt"}]""", patched["spec"]!["ports"]!);
    }

    [Fact]
    public void A_patch_delete_element_removes_the_element_with_that_key()
    {
        var patched = Apply("Service", Service, """{"spec":{"ports":[{"$patch":"delete","port":443}]}}""");

        Same("""[{"port":80,"name":"http","targetPort":8080}]""", patched["spec"]!["ports"]!);
    }

    [Fact]
    public void A_patch_replace_element_replaces_the_whole_keyed_list()
    {
        var patched = Apply("Service", Service, """{"spec":{"ports":[{"$patch":"replace"},{"port":53,"protocol":"UDP"}]}}""");

        Same("""[{"port":53,"protocol":"UDP"}]""", patched["spec"]!["ports"]!);
    }

    [Fact]
    public void A_list_without_a_merge_key_is_atomic_and_replaced()
    {
        var service = Apply("Service", Service, """{"spec":{"externalIPs":["3.3.3.3"]}}""");
        var ingress = Apply("Ingress", """{"spec":{"rules":[{"host":"a.example.com"},{"host":"b.example.com"}]}}""", """{"spec":{"rules":[{"host":"c.example.com"}]}}""");

        Same("""["3.3.3.3"]""", service["spec"]!["externalIPs"]!);
        Same("""[{"host":"c.example.com"}]""", ingress["spec"]!["rules"]!);
    }

    [Fact]
    public void Finalizers_merge_by_value_and_deleteFromPrimitiveList_removes_one()
    {
        const string current = """{"metadata":{"finalizers":["a.io/one","b.io/two"]}}""";

        var added = Apply("ConfigMap", current, """{"metadata":{"finalizers":["b.io/two","c.io/three"]}}""");
        var removed = Apply("ConfigMap", current, """{"metadata":{"$deleteFromPrimitiveList/finalizers":["a.io/one"]}}""");

        Same("""["a.io/one","b.io/two","c.io/three"]""", added["metadata"]!["finalizers"]!);
        Same("""["b.io/two"]""", removed["metadata"]!["finalizers"]!);
    }

    [Fact]
    public void A_map_with_patch_replace_is_replaced_and_one_with_patch_delete_is_removed()
    {
        const string current = """{"data":{"a":"1","b":"2"},"metadata":{"labels":{"x":"y"},"annotations":{"k":"v"}}}""";

        var patched = Apply("ConfigMap", current, """{"data":{"$patch":"replace","c":"3"},"metadata":{"labels":{"$patch":"delete"}}}""");

        Same("""{"c":"3"}""", patched["data"]!);
        Same("""{"annotations":{"k":"v"}}""", patched["metadata"]!);
    }

    [Fact]
    public void Null_deletes_a_field_and_maps_merge_as_in_a_merge_patch()
    {
        var patched = Apply("ConfigMap", """{"data":{"a":"1","b":"2"}}""", """{"data":{"a":null,"c":"3"}}""");

        Same("""{"b":"2","c":"3"}""", patched["data"]!);
    }

    [Fact]
    public void SetElementOrder_puts_the_named_elements_in_its_order_as_kubectl_apply_sends_it()
    {
        var patched = Apply("Service", Service, """{"spec":{"$setElementOrder/ports":[{"port":443},{"port":80}],"ports":[{"port":80,"name":"web"}]}}""");

        Same("""[{"port":443,"name":"https"},{"port":80,"name":"web","targetPort":8080}]""", patched["spec"]!["ports"]!);
    }

    [Fact]
    public void RetainKeys_clears_the_fields_it_does_not_list()
    {
        var patched = Apply("Lease", """{"spec":{"holderIdentity":"a","leaseDurationSeconds":15,"renewTime":"t"}}""", """{"spec":{"$retainKeys":["holderIdentity"],"holderIdentity":"b"}}""");

        Same("""{"holderIdentity":"b"}""", patched["spec"]!);
    }

    [Theory]
    [InlineData("""{"spec":{"$unknown":1}}""", "spec.$unknown")]
    [InlineData("""{"spec":{"ports":[{"name":"no-port"}]}}""", "spec.ports: an element does not contain the merge key 'port'")]
    [InlineData("""{"spec":{"$patch":"drop"}}""", "spec.$patch")]
    [InlineData("""{"spec":{"ports":["80"]}}""", "spec.ports")]
    [InlineData("""["not","an","object"]""", "must be a JSON object")]
    [InlineData("""{"spec":{"$setElementOrder/ports":[80]}}""", "spec.$setElementOrder/ports: the list is merged by 'port'")]
    [InlineData("""{"spec":{"$retainKeys":"ports"}}""", "spec.$retainKeys: must be a list")]
    public void A_malformed_patch_is_400_naming_the_field(string patch, string named)
    {
        var error = Assert.ThrowsAny<Exception>(() => Apply("Service", Service, patch));

        var status = Assert.IsType<ApiStatusException>(error);
        Assert.Equal(400, status.Code);
        Assert.Contains(named, status.Message, StringComparison.Ordinal);
    }
}
