using System.Text.Json;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Resilience;
using AutomationFleet.Core.Tests.Fakes;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Core.Tests.Delivery;

public sealed class QueueHandoffStepTests
{
    [Fact]
    public async Task DeliverAsync_Twice_EnqueuesOneItemUnderDerivedReference()
    {
        var queue = new FakeWorkQueue();
        var item = queue.Add("POST-1");
        var sut = new QueueHandoffStep(queue, "contact-forms");
        var context = new DeliveryContext(item, new ItemOutcome("{\"a\":1}", 1, "post"), "POST-1#handoff:contact-forms");

        var first = await sut.DeliverAsync(context, CancellationToken.None);
        var second = await sut.DeliverAsync(context, CancellationToken.None);

        var created = await queue.FindAsync("POST-1>contact-forms", CancellationToken.None);
        Assert.NotNull(created);
        Assert.Equal("contact-forms", created.Queue);
        Assert.Equal("{\"a\":1}", created.PayloadJson);
        Assert.True(JsonDocument.Parse(first!).RootElement.GetProperty("Created").GetBoolean());
        Assert.False(JsonDocument.Parse(second!).RootElement.GetProperty("Created").GetBoolean());
        Assert.True(sut.IsIdempotent);
        Assert.Equal(FleetPipelines.QueueHandoff, sut.Pipeline);
        Assert.Equal("handoff:contact-forms", sut.Name);
    }
}
