# syntax=docker/dockerfile:1
# Three images from one build stage (docs/deploy.md):
#   docker build --target functions -t cfsync-functions .   the Functions app (watchers, entities, HTTP API)
#   docker build --target bridge    -t cfsync-bridge .      the event bridge (Kubernetes watch -> change queue)
#   docker build --target cli       -t cfsync-cli .         `cfsync render`
# No stage holds a secret: every connection string and key comes from the environment at run time.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.nuget/packages dotnet publish src/CfSync.Functions/CfSync.Functions.csproj -c Release -o /out/functions
RUN --mount=type=cache,target=/root/.nuget/packages dotnet publish src/CfSync.Bridge/CfSync.Bridge.csproj -c Release -o /out/bridge
RUN --mount=type=cache,target=/root/.nuget/packages dotnet publish src/CfSync.Cli/CfSync.Cli.csproj -c Release -o /out/cli

# The host Azure runs for .NET 10 isolated workers. It listens on 80 by default, which a non-root user cannot bind
# once every capability is dropped: 8080 instead. 1654 is the .NET images' `app` user.
FROM mcr.microsoft.com/azure-functions/dotnet-isolated:4-dotnet-isolated10.0 AS functions
ENV AzureWebJobsScriptRoot=/home/site/wwwroot \
    AzureFunctionsJobHost__Logging__Console__IsEnabled=true \
    ASPNETCORE_URLS=http://+:8080
COPY --from=build /out/functions /home/site/wwwroot
USER 1654:1654
EXPOSE 8080

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS bridge
WORKDIR /app
COPY --from=build /out/bridge /app
# The health endpoints listen on every interface inside a container (127.0.0.1 outside one).
ENV CfSync__Bridge__ListenAddress=0.0.0.0
USER 1654:1654
EXPOSE 8080
ENTRYPOINT ["dotnet", "/app/CfSync.Bridge.dll"]

# `cfsync render` as a GitOps pre-merge check: docker run --rm -v "$PWD:/work" cfsync-cli render /work/k8s
FROM mcr.microsoft.com/dotnet/runtime:10.0 AS cli
WORKDIR /app
COPY --from=build /out/cli /app
USER 1654:1654
ENTRYPOINT ["dotnet", "/app/cfsync.dll"]
