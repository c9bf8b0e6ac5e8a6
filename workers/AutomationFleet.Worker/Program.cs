using AutomationFleet.Worker.Cli;

return await FleetCli.RunAsync(args);
