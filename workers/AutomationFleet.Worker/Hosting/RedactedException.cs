using System.Text;

namespace AutomationFleet.Worker.Hosting;

/// <summary>
/// What the fleet's logs show of an exception: its type and stack trace, and the same for each inner exception, but no
/// message. A message can quote outside text (a parser quotes the letter or form field it choked on, a JSON reader the
/// value, a mail server the address, Playwright the page, the case-management app its error text), so it may carry a
/// name, an address or a date of birth; types and stack traces name only the fleet's and its libraries' code. The
/// message is still kept with the item (its fault or review reason in the store), where staff need it.
/// </summary>
public sealed class RedactedException : Exception
{
    public const string Withheld = "[message not logged: it may quote personal data; the item's reason holds it]";

    private readonly string _rendered;

    public RedactedException(Exception original)
        : base(Withheld)
    {
        ArgumentNullException.ThrowIfNull(original);
        OriginalType = original.GetType().FullName ?? original.GetType().Name;
        OriginalStackTrace = original.StackTrace;
        _rendered = Render(original);
    }

    /// <summary>The full name of the type of the exception this stands for.</summary>
    public string OriginalType { get; }

    public string? OriginalStackTrace { get; }

    public override string? StackTrace => OriginalStackTrace;

    /// <summary>As <see cref="Exception.ToString"/> lays it out (which sinks print), with every message left out.</summary>
    public override string ToString() => _rendered;

    private static string Render(Exception exception)
    {
        var text = new StringBuilder();
        Append(text, exception);
        return text.ToString();
    }

    private static void Append(StringBuilder text, Exception exception)
    {
        text.Append(exception.GetType().FullName).Append(": ").Append(Withheld);
        if (exception is AggregateException aggregate)
        {
            for (var i = 0; i < aggregate.InnerExceptions.Count; i++)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{Environment.NewLine} ---> (Inner Exception #{i}) ");
                Append(text, aggregate.InnerExceptions[i]);
                text.Append("<---");
            }
        }
        else if (exception.InnerException is { } inner)
        {
            text.Append(Environment.NewLine).Append(" ---> ");
            Append(text, inner);
            text.Append(Environment.NewLine).Append("   --- End of inner exception stack trace ---");
        }

        if (exception.StackTrace is { } stack)
        {
            text.Append(Environment.NewLine).Append(stack);
        }
    }
}
