using CfSync.Cli;

return CfSyncCommand.Run(args, Console.Out, Console.Error);
