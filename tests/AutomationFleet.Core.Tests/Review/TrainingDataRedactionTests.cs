using System.Text.Json;
using AutomationFleet.Core.Review;

namespace AutomationFleet.Core.Tests.Review;

public sealed class TrainingDataRedactionTests
{
    [Fact]
    public void RedactText_LetterWithEveryKindOfPersonalData_EachReplacedAndTheRestKept()
    {
        const string letter =
            "Re: NHS number 943 476 5919, born 12/03/1984 (also 12th March 1984, 1984-03-12). Write to SO7 4DT or " +
            "ann.example@mail.example, call 0118 496 0835 or +44 7700 900123; NI QQ 12 34 56 C. The pothole is by the school.";

        var redacted = TrainingDataRedaction.RedactText(letter);

        Assert.Equal(
            "Re: NHS number [nhs-number], born [date] (also [date], [date]). Write to [postcode] or " +
            "[email], call [phone] or [phone]; NI [ni-number]. The pothole is by the school.",
            redacted);
    }

    [Fact]
    public void Redact_ContactFormWithPersonAndFreeText_PersonalPropertiesAndPatternsGoCategoryStays()
    {
        const string form = """
            {"person":{"givenName":"Favian","surname":"Nicolaus","dateOfBirth":"12/03/1984","postcode":"so7 4dt"},
             "message":"Call me on 0118 496 0835 about my mother, NHS 9434765919.","category":"care-assessment",
             "caseRecordId":"CR100006","matches":[{"name":"F Nicolaus","score":0.93}]}
            """;

        var redacted = TrainingDataRedaction.Redact(form)!;

        using var json = JsonDocument.Parse(redacted);
        var root = json.RootElement;
        Assert.Equal(TrainingDataRedaction.Redacted, root.GetProperty("person").GetString());
        Assert.Equal("Call me on [phone] about my mother, NHS [nhs-number].", root.GetProperty("message").GetString());
        Assert.Equal("care-assessment", root.GetProperty("category").GetString());
        Assert.Equal(TrainingDataRedaction.Redacted, root.GetProperty("caseRecordId").GetString());
        Assert.Equal(TrainingDataRedaction.Redacted, root.GetProperty("matches")[0].GetProperty("name").GetString());
        Assert.Equal(0.93, root.GetProperty("matches")[0].GetProperty("score").GetDouble());
        foreach (var value in new[] { "Favian", "Nicolaus", "1984", "so7", "0118", "9434765919", "CR100006" })
        {
            Assert.DoesNotContain(value, redacted, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Redact_NoPersonalData_SameStringBack()
    {
        const string outcome = "{\"category\":\"pothole\",\"team\":\"Highways North\",\"confidence\":0.97}";

        Assert.Same(outcome, TrainingDataRedaction.Redact(outcome));
        Assert.Null(TrainingDataRedaction.Redact(null));
    }

    [Fact]
    public void Redact_TextThatIsNotJson_RedactedAsText()
    {
        Assert.Equal("from [email] on [date]", TrainingDataRedaction.Redact("from a@b.example on 01/02/2003"));
    }
}
