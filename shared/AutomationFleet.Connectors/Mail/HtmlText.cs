using System.Text;
using MimeKit.Text;

namespace AutomationFleet.Connectors.Mail;

/// <summary>Turns an HTML body into plain text with MimeKit's tokenizer: text kept, scripts and styles dropped, blocks on their own lines.</summary>
internal static class HtmlText
{
    public static string Convert(string html)
    {
        var text = new StringBuilder(html.Length / 2);
        using var reader = new StringReader(html);
        var tokenizer = new HtmlTokenizer(reader) { DecodeCharacterReferences = true };
        var skipping = 0;
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when tag.Id is HtmlTagId.Script or HtmlTagId.Style or HtmlTagId.Head:
                    skipping += tag.IsEndTag ? -1 : tag.IsEmptyElement ? 0 : 1;
                    skipping = Math.Max(skipping, 0);
                    break;
                case HtmlTagToken tag when IsLineBreak(tag.Id):
                    if (text.Length > 0 && text[^1] != '\n')
                    {
                        text.Append('\n');
                    }

                    break;
                case HtmlDataToken data when skipping == 0:
                    text.Append(data.Data);
                    break;
            }
        }

        return text.ToString().Trim();
    }

    private static bool IsLineBreak(HtmlTagId id) => id is
        HtmlTagId.Br or HtmlTagId.P or HtmlTagId.Div or HtmlTagId.LI or HtmlTagId.TR or HtmlTagId.H1 or HtmlTagId.H2
        or HtmlTagId.H3 or HtmlTagId.H4 or HtmlTagId.H5 or HtmlTagId.H6 or HtmlTagId.Table or HtmlTagId.BlockQuote;
}
