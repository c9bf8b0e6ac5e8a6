using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

namespace AutomationFleet.Connectors.Tests.Mail;

/// <summary>A separate IMAP client the tests use to deliver mail (APPEND) and look at folders.</summary>
public static class ImapProbe
{
    public static async Task AppendAsync(MailServersFixture servers, (string User, string Password) account, params MimeMessage[] messages)
    {
        using var client = await ConnectAsync(servers, account);
        foreach (var message in messages)
        {
            await client.Inbox.AppendAsync(message, MessageFlags.None);
        }

        await client.DisconnectAsync(true);
    }

    /// <summary>Message-IDs in a folder (empty when the folder does not exist).</summary>
    public static async Task<IReadOnlyList<string?>> MessageIdsAsync(MailServersFixture servers, (string User, string Password) account, string folderName)
    {
        using var client = await ConnectAsync(servers, account);
        IMailFolder folder;
        try
        {
            folder = folderName == "INBOX" ? client.Inbox : await client.GetFolderAsync(folderName);
        }
        catch (FolderNotFoundException)
        {
            return [];
        }

        await folder.OpenAsync(FolderAccess.ReadOnly);
        var ids = new List<string?>();
        if (folder.Count > 0)
        {
            var summaries = await folder.FetchAsync(0, -1, MessageSummaryItems.Envelope);
            ids.AddRange(summaries.Select(summary => summary.Envelope?.MessageId));
        }

        await client.DisconnectAsync(true);
        return ids;
    }

    public static async Task<int> CountAsync(MailServersFixture servers, (string User, string Password) account, string folderName) =>
        (await MessageIdsAsync(servers, account, folderName)).Count;

    private static async Task<ImapClient> ConnectAsync(MailServersFixture servers, (string User, string Password) account)
    {
        var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", servers.ImapPort, SecureSocketOptions.None);
        await client.AuthenticateAsync(account.User, account.Password);
        return client;
    }
}
