using CfSync.LocalHost;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddLocalEngine(builder.Configuration);
builder.Services.AddSingleton<ManifestIntake>();
var app = builder.Build();
app.MapResourceApi();
await app.RunAsync().ConfigureAwait(false);
