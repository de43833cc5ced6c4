# syntax=docker/dockerfile:1
# Build stage shared by every image of the project.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/CfSync.Cli -c Release -o /out/cli

# `cfsync render` as a GitOps pre-merge check: docker run --rm -v "$PWD:/work" cfsync-cli render /work/k8s
FROM mcr.microsoft.com/dotnet/runtime:10.0 AS cli
WORKDIR /app
COPY --from=build /out/cli .
USER app
ENTRYPOINT ["dotnet", "/app/cfsync.dll"]
