using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AutomationFleet.Worker.Inbox;

public static class InboxServiceCollectionExtensions
{
    public static IServiceCollection AddInboxFolder(this IServiceCollection services, IConfiguration configuration) => services;
}
