using CfSync.LocalHost;

var app = LocalHostApp.Build(LocalHostApp.CreateBuilder(args));
await app.RunAsync().ConfigureAwait(false);
