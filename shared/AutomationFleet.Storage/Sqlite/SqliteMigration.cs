namespace AutomationFleet.Storage.Sqlite;

/// <summary>One schema step after the base script: its version, what it adds, and its script.</summary>
/// <param name="Version">The version the step brings a file to.</param>
/// <param name="Description">What it adds, for people reading the schema.</param>
/// <param name="Script">The SQL, run once on a file older than <paramref name="Version"/>.</param>
internal sealed record SqliteMigration(int Version, string Description, string Script);
