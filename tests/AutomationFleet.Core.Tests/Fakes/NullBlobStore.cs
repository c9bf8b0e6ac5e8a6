using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Core.Tests.Fakes;

internal sealed class NullBlobStore : IBlobStore
{
    public Task<AttachmentRef> PutAsync(string name, string mediaType, Stream content, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Runner tests have no attachments.");

    public Stream OpenRead(string contentHash) => throw new FileNotFoundException(contentHash);

    public Task<bool> DeleteAsync(string contentHash, CancellationToken cancellationToken) => Task.FromResult(false);
}
