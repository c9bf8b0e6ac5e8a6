using System.Net;
using AutomationFleet.Portal.Hosting;
using AutomationFleet.PublicSite.Hosting;
using AutomationFleet.Worker.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AutomationFleet.Worker.Tests.Hosting;

[Trait("Category", "Integration")]
public sealed class PortalHostingTests
{
    [Fact]
    public async Task CreateWithPortal_Enabled_ServesPortalInTheFleetProcessOnLoopback()
    {
        await using var fleet = await FleetTestHost.CreateAsync();
        var settings = fleet.BaseSettings();
        settings["Portal:Urls"] = "http://127.0.0.1:0";
        using var host = FleetHost.CreateWithPortal(["--config", fleet.ConfigDirectory], b => b.Configuration.AddInMemoryCollection(settings));

        await host.StartAsync();
        try
        {
            var portal = host.Services.GetRequiredService<PortalHostedService>();
            var address = Assert.Single(portal.Addresses);
            Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };

            var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
            var review = await http.GetAsync(new Uri("/review", UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, review.StatusCode);
            Assert.StartsWith("/sign-in", review.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task CreateWithPortal_Disabled_NoPortal()
    {
        await using var fleet = await FleetTestHost.CreateAsync();
        var settings = fleet.BaseSettings();
        settings["Portal:Enabled"] = "false";

        using var host = FleetHost.CreateWithPortal(["--config", fleet.ConfigDirectory], b => b.Configuration.AddInMemoryCollection(settings));

        Assert.Null(host.Services.GetService<PortalHostedService>());
        Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), s => s is PortalHostedService);
    }

    [Fact]
    public async Task CreateWithPortal_PublicSiteEnabled_ServedOnItsOwnPortWithNoStaffPages()
    {
        await using var fleet = await FleetTestHost.CreateAsync();
        var settings = fleet.BaseSettings();
        settings["Portal:Urls"] = "http://127.0.0.1:0";
        using var host = FleetHost.CreateWithPortal(["--config", fleet.ConfigDirectory], b => b.Configuration.AddInMemoryCollection(settings));

        await host.StartAsync();
        try
        {
            var site = Assert.Single(host.Services.GetRequiredService<PublicSiteHostedService>().Addresses);
            Assert.DoesNotContain(site, host.Services.GetRequiredService<PortalHostedService>().Addresses);
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(site) };

            var status = await http.GetAsync(new Uri("/status", UriKind.Relative));
            var review = await http.GetAsync(new Uri("/review", UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, review.StatusCode);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
