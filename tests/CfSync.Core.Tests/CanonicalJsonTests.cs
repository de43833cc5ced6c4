using System.Text.Json.Nodes;
using CfSync.Core.Hashing;

namespace CfSync.Core.Tests;

public sealed class CanonicalJsonTests
{
    [Fact]
    public void Key_order_does_not_change_bytes_or_hash()
    {
        var a = JsonNode.Parse("""{"b":1,"a":{"y":[3,{"q":1,"p":2}],"x":true}}""");
        var b = JsonNode.Parse("""{ "a": {"x": true, "y": [3, {"p": 2, "q": 1}]}, "b": 1 }""");
        Assert.Equal("""{"a":{"x":true,"y":[3,{"p":2,"q":1}]},"b":1}""", CanonicalJson.ToText(a));
        Assert.Equal(ConfigHash.Of(a), ConfigHash.Of(b));
    }

    [Fact]
    public void Array_order_matters()
    {
        Assert.NotEqual(ConfigHash.Of(JsonNode.Parse("[1,2]")), ConfigHash.Of(JsonNode.Parse("[2,1]")));
    }

    [Fact]
    public void Hash_is_sha256_prefix_and_64_lower_hex()
    {
        Assert.Matches("^sha256:[0-9a-f]{64}$", ConfigHash.Of(JsonNode.Parse("{}")));
        Assert.Equal("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", ConfigHash.Of(JsonNode.Parse("{}")));
    }
}
