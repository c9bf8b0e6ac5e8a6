using AutomationFleet.Documents.Sandbox;

return SandboxProgram.Run(args, Console.OpenStandardInput(), Console.OpenStandardOutput(), Console.Error);
