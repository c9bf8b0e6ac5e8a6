using AutomationFleet.Bots.InboundPost.Extraction;

namespace AutomationFleet.Bots.InboundPost.Tests.Extraction;

public sealed class ExtractorTests
{
    private static readonly DateTimeOffset Today = new(2025, 6, 15, 10, 0, 0, TimeSpan.Zero);

    private static Extractor CreateSut(ExtractionOptions? options = null) =>
        new(options ?? new ExtractionOptions(), new FixedTimeProvider(Today));

    private static ExtractedField[] Fields(string text, string kind) =>
        [.. CreateSut().Extract(new ExtractionInput(text)).Where(f => f.Kind == kind)];

    [Theory]
    [InlineData("Address: 1 Example Road, London SW1A 1AA", "SW1A 1AA", "SW1A 1AA")]
    [InlineData("London sw1a1aa", "SW1A 1AA", "sw1a1aa")]
    [InlineData("Manchester M1 1AE.", "M1 1AE", "M1 1AE")]
    [InlineData("Birmingham B33 8TH", "B33 8TH", "B33 8TH")]
    [InlineData("Croydon CR2 6XH", "CR2 6XH", "CR2 6XH")]
    [InlineData("Doncaster DN55 1PT", "DN55 1PT", "DN55 1PT")]
    [InlineData("London W1A 0AX", "W1A 0AX", "W1A 0AX")]
    [InlineData("London EC1A 1BB", "EC1A 1BB", "EC1A 1BB")]
    [InlineData("Leeds ls1  4ap", "LS1 4AP", "ls1  4ap")]
    [InlineData("Girobank GIR 0AA", "GIR 0AA", "GIR 0AA")]
    [InlineData("Cpl A Example, BFPO 1234", "BFPO 1234", "BFPO 1234")]
    [InlineData("Flat at AB1 2DE", "AB1 2DE", "AB1 2DE")]
    public void Extract_ValidPostcode_NormalisedValue(string text, string expected, string raw)
    {
        var field = Assert.Single(Fields(text, FieldKinds.Postcode));

        Assert.Equal(expected, field.Value);
        Assert.Equal(raw, field.RawText);
        Assert.Equal(raw, text.Substring(field.Start, field.Length));
    }

    [Theory]
    [InlineData("QA1 1AA")] // Q never first
    [InlineData("AJ1 1AA")] // J never second
    [InlineData("W1Q 1AA")] // Q never third in A9A
    [InlineData("SW1C 1AA")] // C never fourth in AA9A
    [InlineData("SW1A 1AC")] // C never in the inward code
    [InlineData("SW1A 1AAA")] // runs on
    [InlineData("1AB 2CD")] // starts with a digit
    [InlineData("Dear Sir or Madam, thank you")]
    [InlineData("Reference ASC-2024-001234 and BB123456")]
    public void Extract_InvalidPostcode_NotFound(string text)
    {
        Assert.Empty(Fields(text, FieldKinds.Postcode));
    }

    [Theory]
    [InlineData("SW1A IAA", "SW1A 1AA")]
    [InlineData("SWIA 1AA", "SW1A 1AA")]
    [InlineData("MI 1AE", "M1 1AE")]
    [InlineData("0X1 2AB", "OX1 2AB")]
    [InlineData("B33 BTH", null)] // B for 8 is not a confusion we correct
    public void Extract_OcrConfusedPostcode_CorrectedWithLowerConfidence(string raw, string? expected)
    {
        var fields = Fields("Address " + raw + " ok", FieldKinds.Postcode);
        if (expected is null)
        {
            Assert.Empty(fields);
            return;
        }

        var corrected = Assert.Single(fields);
        var clean = Assert.Single(Fields("Address " + expected + " ok", FieldKinds.Postcode));
        Assert.Equal(expected, corrected.Value);
        Assert.True(corrected.Confidence < clean.Confidence, $"{corrected.Confidence} should be below {clean.Confidence}");
    }

    [Fact]
    public void Extract_BfpoWhenDisabled_NotFound()
    {
        var sut = CreateSut(new ExtractionOptions { RecogniseBfpo = false });

        Assert.DoesNotContain(sut.Extract(new ExtractionInput("BFPO 1234")), f => f.Kind == FieldKinds.Postcode);
    }

    [Theory]
    [InlineData("Date of birth: 12/03/1954", "1954-03-12")]
    [InlineData("DOB 12.03.54", "1954-03-12")]
    [InlineData("he was born on 12 March 1954 in Leeds", "1954-03-12")]
    [InlineData("D.O.B. March 12th 1954", "1954-03-12")]
    [InlineData("date of birth 1954-03-12", "1954-03-12")]
    [InlineData("Date of Birth: 1st of Feb, 1960", "1960-02-01")]
    [InlineData("DOB: 29-02-1952", "1952-02-29")]
    [InlineData("Birth date\n\n 7 Sept 1949", "1949-09-07")]
    [InlineData("DOB 01.01.20", "2020-01-01")]
    [InlineData("DOB 01.07.25", "1925-07-01")] // 2025-07-01 is after today, so the earlier century
    [InlineData("Date of birth (as on the badge): 3/4/1941", "1941-04-03")] // day first
    public void Extract_DateNearCue_DateOfBirth(string text, string expected)
    {
        var field = Assert.Single(Fields(text, FieldKinds.DateOfBirth));

        Assert.Equal(expected, field.Value);
    }

    [Theory]
    [InlineData("Date of birth: 31/02/1954")] // no 31 February
    [InlineData("DOB: 29/02/1953")] // not a leap year
    [InlineData("Date of birth: 12/13/1954")] // month-first dates are not read
    [InlineData("DOB: 12/03/2031")] // in the future
    [InlineData("DOB: 16 June 2025")] // tomorrow
    [InlineData("DOB 01/01/1850")] // older than anyone alive
    [InlineData("Appointment on 12/03/1954 at the office")] // no cue
    [InlineData("Date of birth: see the enclosed form, which I signed on 12/03/2024")] // too far from the cue
    [InlineData("DOB: 12 Smarch 1954")]
    public void Extract_NotADateOfBirth_NotFound(string text)
    {
        Assert.Empty(Fields(text, FieldKinds.DateOfBirth));
    }

    [Fact]
    public void Extract_DateOfBirthToday_Found()
    {
        var field = Assert.Single(Fields("Baby born on 15/06/2025", FieldKinds.DateOfBirth));

        Assert.Equal("2025-06-15", field.Value);
    }

    // Check digits worked by hand: weights 10..2 on the first nine digits, 11 - (sum mod 11), 11 -> 0, 10 invalid.
    // 943476591: 90+36+24+28+42+30+20+27+2 = 299; 299 mod 11 = 2; 11 - 2 = 9.
    // 401023213: 40+0+8+0+12+15+8+3+6 = 92; 92 mod 11 = 4; 11 - 4 = 7.
    // 943476590: 297; 297 mod 11 = 0; 11 -> 0.
    // 943476596: 309; 309 mod 11 = 1; 11 - 1 = 10, so no check digit makes it valid.
    [Theory]
    [InlineData("NHS number: 943 476 5919", "9434765919")]
    [InlineData("NHS No 943-476-5919", "9434765919")]
    [InlineData("NHS: 9434765919.", "9434765919")]
    [InlineData("NHS number 401 023 2137", "4010232137")]
    [InlineData("NHS number 943 476 5900", "9434765900")]
    public void Extract_ValidNhsNumber_Found(string text, string expected)
    {
        var field = Assert.Single(Fields(text, FieldKinds.NhsNumber));

        Assert.Equal(expected, field.Value);
    }

    [Theory]
    [InlineData("NHS number: 943 476 5918")] // wrong check digit
    [InlineData("NHS number: 943 476 5960")] // check digit would be 10
    [InlineData("NHS number: 943 476 5961")]
    [InlineData("NHS number: 1111111111")] // passes the sum, but all one digit
    [InlineData("NHS number: 943 4765919")] // mixed grouping
    [InlineData("NHS number: 94347659190")] // eleven digits
    [InlineData("NHS number: 943 476 591")]
    public void Extract_InvalidNhsNumber_NotFound(string text)
    {
        Assert.Empty(Fields(text, FieldKinds.NhsNumber));
    }

    [Fact]
    public void Extract_NhsNumberWithoutCue_LowerConfidence()
    {
        var withCue = Assert.Single(Fields("NHS number: 943 476 5919", FieldKinds.NhsNumber));
        var withoutCue = Assert.Single(Fields("our ref 943 476 5919", FieldKinds.NhsNumber));

        Assert.True(withoutCue.Confidence < withCue.Confidence);
    }

    [Theory]
    [InlineData("write to a.example@example.org today", "a.example@example.org")]
    [InlineData("Email: Mrs.Example+post@Council.Example.GOV.UK.", "Mrs.Example+post@council.example.gov.uk")]
    [InlineData("(b_example@mail.example.net)", "b_example@mail.example.net")]
    public void Extract_EmailAddress_Found(string text, string expected)
    {
        var field = Assert.Single(Fields(text, FieldKinds.Email));

        Assert.Equal(expected, field.Value);
    }

    [Theory]
    [InlineData("a..b@example.org")]
    [InlineData("not an email@")]
    [InlineData("user@localhost")]
    [InlineData("@example.org")]
    public void Extract_NotAnEmailAddress_NotFound(string text)
    {
        Assert.Empty(Fields(text, FieldKinds.Email));
    }

    [Theory]
    [InlineData("Tel: 01632 960123", "+441632960123")]
    [InlineData("Tel +44 (0)1632 960123", "+441632960123")]
    [InlineData("phone (01632) 960 123 after 5pm", "+441632960123")]
    [InlineData("Mobile 07700 900123", "+447700900123")]
    [InlineData("mob: +44 7700 900 123", "+447700900123")]
    [InlineData("0044 7700 900123", "+447700900123")]
    [InlineData("ring 020 7946 0018.", "+442079460018")]
    [InlineData("call 07700-900-123", "+447700900123")]
    [InlineData("Freephone 0800 123 456", "+44800123456")]
    public void Extract_UkPhoneNumber_E164(string text, string expected)
    {
        var field = Assert.Single(Fields(text, FieldKinds.Phone));

        Assert.Equal(expected, field.Value);
    }

    [Theory]
    [InlineData("Date 12/03/1954")]
    [InlineData("Tel 0770090012345")] // too long
    [InlineData("Tel 06123 456789")] // 06 is not in use
    [InlineData("Tel 01234")] // too short
    [InlineData("Ref ASC-2024-001234")]
    [InlineData("Tel 01/02/1950")]
    public void Extract_NotAPhoneNumber_NotFound(string text)
    {
        Assert.Empty(Fields(text, FieldKinds.Phone));
    }

    [Fact]
    public void Extract_PhoneWithoutCue_LowerConfidence()
    {
        var withCue = Assert.Single(Fields("Tel 07700 900123", FieldKinds.Phone));
        var withoutCue = Assert.Single(Fields("on 07700 900123", FieldKinds.Phone));

        Assert.True(withoutCue.Confidence < withCue.Confidence);
    }

    [Fact]
    public void Extract_ConfiguredReferencePatterns_FoundByName()
    {
        var sut = CreateSut(CouncilPatterns());
        var text = "Your ref asc-2024-001234, Blue Badge BB123456, council tax account no: 12345678.";

        var fields = sut.Extract(new ExtractionInput(text));

        var caseRef = Assert.Single(fields, f => f.Kind == "CaseReference");
        Assert.Equal("ASC-2024-001234", caseRef.Value);
        Assert.Equal("asc-2024-001234", caseRef.RawText);
        Assert.Equal(0.95, caseRef.Confidence, 6);
        Assert.Equal("BB123456", Assert.Single(fields, f => f.Kind == "BlueBadgeNumber").Value);
        var account = Assert.Single(fields, f => f.Kind == "CouncilTaxAccount");
        Assert.Equal("12345678", account.Value);
        Assert.Equal(text.IndexOf("12345678", StringComparison.Ordinal), account.Start);
        Assert.Equal(8, account.Length);
    }

    [Fact]
    public void Extract_PatternWithLookbehind_UsesBacktrackingEngine()
    {
        var options = new ExtractionOptions
        {
            ReferencePatterns = { new ReferencePattern { Name = "Invoice", Pattern = @"(?<=invoice\s)\d{6}" } },
        };

        var field = Assert.Single(CreateSut(options).Extract(new ExtractionInput("invoice 123456")));

        Assert.Equal("123456", field.Value);
    }

    [Fact]
    public void Extract_InvalidPattern_ConstructorThrows()
    {
        var options = new ExtractionOptions { ReferencePatterns = { new ReferencePattern { Name = "Bad", Pattern = "(" } } };

        Assert.Throws<ArgumentException>(() => CreateSut(options));
    }

    [Fact]
    public void Extract_Words_SpanMapsToPageAndUnionBox()
    {
        SourceWord[] words =
        [
            new("Dear", 1, 10, 10, 40, 20, 0.99),
            new("Sir,", 1, 45, 10, 70, 20, 0.99),
            new("Address:", 2, 10, 100, 60, 112, 0.98),
            new("SW1A", 2, 65, 100, 95, 112, 0.97),
            new("1AA", 2, 100, 101, 120, 113, 0.95),
            new("Thanks", 2, 10, 130, 50, 142, 0.99),
        ];
        var text = "Dear Sir,\n\fAddress: SW1A 1AA\nThanks";

        var field = Assert.Single(CreateSut().Extract(new ExtractionInput(text, words)));

        Assert.Equal(FieldKinds.Postcode, field.Kind);
        Assert.Equal(2, field.Page);
        Assert.Equal(new BoundingBox(65, 100, 120, 113), field.Box);
        Assert.Equal(text.IndexOf("SW1A", StringComparison.Ordinal), field.Start);
        Assert.Equal("SW1A 1AA".Length, field.Length);
    }

    [Fact]
    public void Extract_LowOcrConfidence_LowersFieldConfidence()
    {
        const string text = "NHS number 943 476 5919";
        SourceWord[] Words(double confidence) =>
        [
            new("NHS", 1, 0, 0, 10, 10, 0.99),
            new("number", 1, 12, 0, 40, 10, 0.99),
            new("943", 1, 42, 0, 55, 10, confidence),
            new("476", 1, 57, 0, 70, 10, 0.99),
            new("5919", 1, 72, 0, 90, 10, 0.99),
        ];
        var sut = CreateSut();

        var plain = Assert.Single(sut.Extract(new ExtractionInput(text)));
        var sure = Assert.Single(sut.Extract(new ExtractionInput(text, Words(0.99))));
        var unsure = Assert.Single(sut.Extract(new ExtractionInput(text, Words(0.5))));

        Assert.Equal(plain.Confidence * 0.99, sure.Confidence, 9);
        Assert.Equal(plain.Confidence * 0.5, unsure.Confidence, 9);
        Assert.Equal(1, unsure.Page);
        Assert.Equal(new BoundingBox(42, 0, 90, 10), unsure.Box);
    }

    [Fact]
    public void Extract_WordsNotInText_NoPageAndConfidenceUnchanged()
    {
        const string text = "Tel 07700 900123";
        SourceWord[] words = [new("something", 1, 0, 0, 10, 10, 0.3), new("else", 1, 0, 0, 10, 10, 0.3)];
        var sut = CreateSut();

        var withWords = Assert.Single(sut.Extract(new ExtractionInput(text, words)));
        var without = Assert.Single(sut.Extract(new ExtractionInput(text)));

        Assert.Null(withWords.Page);
        Assert.Null(withWords.Box);
        Assert.Equal(without.Confidence, withWords.Confidence);
    }

    [Fact]
    public void Extract_Letter_EveryKindFoundInTextOrderWithoutOverlap()
    {
        const string letter = """
            Mrs A Example
            12 Sample Street
            Exampleton
            AB1 2DE

            Your ref: ASC-2024-001234

            Dear Sir or Madam,

            I am writing about my mother, Mrs B Example (date of birth 12 March 1938,
            NHS number 943 476 5919). Her Blue Badge BB123456 expires next month.
            Please call me on 07700 900123 or e-mail a.example@example.org.
            My council tax account number is 12345678.

            Yours faithfully,
            A Example
            """;
        var sut = CreateSut(CouncilPatterns());

        var fields = sut.Extract(new ExtractionInput(letter));

        Assert.Equal(
            ["Postcode", "CaseReference", "DateOfBirth", "NhsNumber", "BlueBadgeNumber", "Phone", "Email", "CouncilTaxAccount"],
            fields.Select(f => f.Kind));
        Assert.Equal(
            ["AB1 2DE", "ASC-2024-001234", "1938-03-12", "9434765919", "BB123456", "+447700900123", "a.example@example.org", "12345678"],
            fields.Select(f => f.Value));
        for (var i = 1; i < fields.Count; i++)
        {
            Assert.True(fields[i - 1].Start + fields[i - 1].Length <= fields[i].Start);
        }

        Assert.All(fields, f => Assert.Equal(f.RawText, letter.Substring(f.Start, f.Length)));
        Assert.All(fields, f => Assert.InRange(f.Confidence, 0.5, 1.0));
    }

    [Fact]
    public void Extract_EmptyText_NoFields()
    {
        Assert.Empty(CreateSut().Extract(new ExtractionInput("")));
    }

    internal static ExtractionOptions CouncilPatterns() => new()
    {
        ReferencePatterns =
        {
            new ReferencePattern { Name = "CaseReference", Pattern = @"\b[A-Z]{2,4}-[0-9]{4}-[0-9]{6}\b", Confidence = 0.95 },
            new ReferencePattern { Name = "BlueBadgeNumber", Pattern = @"\bBB[0-9]{6}\b" },
            new ReferencePattern { Name = "CouncilTaxAccount", Pattern = @"council\s+tax\s+account\s+(no\.?|number)\s*(is)?[:\s]*(?<value>[0-9]{8})\b" },
        },
    };
}
