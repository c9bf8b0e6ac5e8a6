using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Review.Forms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.FinancialAssessments.Tests;

public sealed class FinancialAssessmentsServiceCollectionExtensionsTests
{
    [Fact]
    public void AddFinancialAssessmentBot_NoSection_RegistersNothing()
    {
        var services = new ServiceCollection().AddFinancialAssessmentBot(new ConfigurationBuilder().Build());

        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IBot));
    }

    [Fact]
    public void AddFinancialAssessmentBot_Section_TheBotOnItsQueueAndItsReviewForm()
    {
        using var provider = Provider(new() { ["FinancialAssessments:Queue"] = "assessments", ["FinancialAssessments:RatesDirectory"] = TestRates.Directory });

        var bot = Assert.Single(provider.GetServices<IBot>());
        Assert.Equal(("financial-assessments", "assessments"), (bot.Name, bot.Queue));
        Assert.Equal(["print-letter", "email-letter"], bot.DeliverySteps.Select(s => s.Name));
        Assert.Equal("financial-assessments", Assert.Single(provider.GetServices<IReviewForm>()).Bot);
    }

    [Fact]
    public void AddFinancialAssessmentBot_FontMissing_StartFailsNamingTheSetting()
    {
        using var provider = Provider(new()
        {
            ["FinancialAssessments:RatesDirectory"] = TestRates.Directory,
            ["FinancialAssessments:Letter:FontDirectory"] = "/nonexistent/fonts",
        });

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<FinancialAssessmentsOptions>>().Value);

        Assert.Contains("FinancialAssessments:Letter:RegularFont", exception.Message, StringComparison.Ordinal);
        Assert.Contains("fonts-dejavu-core", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddFinancialAssessmentBot_ConfiguredReturnAddress_ReplacesTheSampleOne()
    {
        using var provider = Provider(new()
        {
            ["FinancialAssessments:RatesDirectory"] = TestRates.Directory,
            ["FinancialAssessments:Letter:ReturnAddress:0"] = "Shire Hall",
        });

        Assert.Equal(["Shire Hall"], provider.GetRequiredService<IOptions<FinancialAssessmentsOptions>>().Value.Letter.ReturnAddressLines);
    }

    [Fact]
    public void AddFinancialAssessmentBot_ChargeChangeThreshold_BoundFromItsSetting()
    {
        using var provider = Provider(new() { ["FinancialAssessments:RatesDirectory"] = TestRates.Directory, ["FinancialAssessments:ChargeChangeThreshold"] = "40.50" });

        Assert.Equal(40.50m, provider.GetRequiredService<IOptions<FinancialAssessmentsOptions>>().Value.ChargeChangeThreshold);
    }

    [Fact]
    public void AddFinancialAssessmentBot_NegativeChargeChangeThreshold_StartFailsNamingTheSetting()
    {
        using var provider = Provider(new() { ["FinancialAssessments:RatesDirectory"] = TestRates.Directory, ["FinancialAssessments:ChargeChangeThreshold"] = "-1" });

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<FinancialAssessmentsOptions>>().Value);

        Assert.Contains("ChargeChangeThreshold", exception.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
            .AddFinancialAssessmentBot(configuration)
            .BuildServiceProvider();
    }
}
