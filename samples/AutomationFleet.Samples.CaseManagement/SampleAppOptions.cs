using System.ComponentModel.DataAnnotations;

namespace AutomationFleet.Samples.CaseManagement;

/// <summary>Settings of the sample case-management app (section <c>SampleApp</c>).</summary>
public sealed class SampleAppOptions
{
    public const string SectionName = "SampleApp";

    /// <summary>Folder of the SQLite database (<c>case-management.db</c>); relative to the working directory.</summary>
    [Required]
    public string DataFolder { get; set; } = "var/case-management";

    /// <summary>The case-record extract the database is seeded from when it has no people yet.</summary>
    [Required]
    public string ExtractPath { get; set; } = Path.Combine(AppContext.BaseDirectory, "case-records", "people.csv");

    /// <summary>The one demo account. Fictitious system, fictitious data: override with <c>SampleApp__DemoPassword</c>.</summary>
    [Required]
    public string DemoUsername { get; set; } = "caseworker";

    /// <summary>Password of the demo account.</summary>
    [Required]
    [MinLength(8)]
    public string DemoPassword { get; set; } = "";

    /// <summary>A session with no request for this long is over (sliding); default 10 minutes.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Each request waits a random 0..N ms first (seeded), as a slow legacy system does; 0 = none.</summary>
    [Range(0, 600_000)]
    public int MaxDelayMilliseconds { get; set; }

    /// <summary>Every Nth request answers HTTP 500 before doing anything; 0 = never.</summary>
    [Range(0, 1_000_000)]
    public int FailEveryNthRequest { get; set; }

    /// <summary>Seed of the random delays, so a run can be repeated.</summary>
    public int RandomSeed { get; set; } = 20261203;

    /// <summary>Ask <c>confirm()</c> before saving a note, as the real system does.</summary>
    public bool ConfirmBeforeSave { get; set; } = true;

    /// <summary><c>classic</c>, or <c>redesigned</c>: the same pages with renamed elements (a supplier's upgrade).</summary>
    [RegularExpression("^(classic|redesigned)$")]
    public string Layout { get; set; } = "classic";
}
