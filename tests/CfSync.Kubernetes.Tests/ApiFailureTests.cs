using System.Net;
using k8s.Autorest;

namespace CfSync.Kubernetes.Tests;

/// <summary>The table of docs/kubernetes-status.md: which failures are skipped, which retried, which stop the mirror.</summary>
public sealed class ApiFailureTests
{
    private static HttpOperationException Answer(int code, string body) => new()
    {
        Response = new HttpResponseMessageWrapper(new HttpResponseMessage((HttpStatusCode)code), body),
    };

    [Theory]
    [InlineData(400, "Refused")]
    [InlineData(403, "Refused")]
    [InlineData(404, "Refused")]
    [InlineData(405, "Refused")]
    [InlineData(413, "Refused")]
    [InlineData(415, "Refused")]
    [InlineData(422, "Refused")]
    [InlineData(409, "Transient")]
    [InlineData(500, "Transient")]
    [InlineData(504, "Transient")]
    [InlineData(401, "Unavailable")]
    [InlineData(429, "Unavailable")]
    [InlineData(502, "Unavailable")]
    [InlineData(503, "Unavailable")]
    public void Each_answer_of_the_API_server_has_its_kind(int code, string kind)
    {
        var failure = ApiFailure.Of(Answer(code, """{"kind":"Status","reason":"Because","message":"it said so"}"""), CancellationToken.None)!;

        Assert.Equal((Enum.Parse<ApiFailureKind>(kind), code, "Because: it said so"), (failure.Kind, failure.StatusCode, failure.Detail));
    }

    [Fact]
    public void A_body_that_is_not_a_Status_is_not_echoed_and_a_long_message_is_cut()
    {
        Assert.Equal("BadGateway", ApiFailure.Of(Answer(502, "<html>proxy</html>"), CancellationToken.None)!.Detail);
        var detail = ApiFailure.Of(Answer(422, $$"""{"reason":"Invalid","message":"{{new string('m', 5000)}}"}"""), CancellationToken.None)!.Detail;
        Assert.Equal(300, detail.Length);
    }

    [Fact]
    public void No_connection_and_a_client_timeout_mean_unavailable_but_our_own_cancellation_is_not_a_failure()
    {
        Assert.Equal(ApiFailureKind.Unavailable, ApiFailure.Of(new HttpRequestException("Connection refused (127.0.0.1:1)"), CancellationToken.None)!.Kind);
        Assert.Equal((ApiFailureKind.Unavailable, "timed out"), ApiFailure.Of(new TaskCanceledException(), CancellationToken.None) is { } timeout ? (timeout.Kind, timeout.Detail) : default);

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Null(ApiFailure.Of(new TaskCanceledException(), cancelled.Token));
        Assert.Null(ApiFailure.Of(new InvalidOperationException("a bug"), CancellationToken.None));
    }
}
