using AutomationFleet.Samples.CaseManagement;

// --generate-extract PATH [COUNT]: write the fictitious case-record extract (done once; the CSV is committed).
if (args.Length >= 2 && args[0] == "--generate-extract")
{
    var count = args.Length >= 3 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : ExtractGenerator.DefaultCount;
    ExtractGenerator.Write(args[1], ExtractGenerator.Generate(count));
    Console.WriteLine($"Wrote {count} people to {Path.GetFullPath(args[1])}");
    return;
}

var app = await CaseManagementApp.CreateAsync(args);
await app.RunAsync();
