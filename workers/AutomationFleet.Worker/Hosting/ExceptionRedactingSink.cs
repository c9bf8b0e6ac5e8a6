using Serilog.Core;
using Serilog.Events;

namespace AutomationFleet.Worker.Hosting;

/// <summary>
/// Stands in front of every sink of the fleet's logger and replaces each event's exception with a
/// <see cref="RedactedException"/> (type and stack trace, no message) before a sink formats it. One place for the rule,
/// so no call site has to remember it and the console, the JSON files and any sink named in <c>Serilog:WriteTo</c> all
/// get the same, whatever formatter they use (each prints <see cref="Exception.ToString"/>).
/// </summary>
/// <remarks>
/// A property that holds the message of the event's own exception is replaced too: Polly's telemetry logs a failed
/// attempt's exception and also its message, as the <c>Result</c> property, and has no setting to stop it.
/// </remarks>
internal sealed class ExceptionRedactingSink(Logger sinks) : ILogEventSink, IDisposable
{
    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        sinks.Write(Redacted(logEvent));
    }

    public void Dispose() => sinks.Dispose();

    internal static LogEvent Redacted(LogEvent logEvent)
    {
        if (logEvent.Exception is null or RedactedException)
        {
            return logEvent;
        }

        var messages = Messages(logEvent.Exception);
        return new LogEvent(
            logEvent.Timestamp,
            logEvent.Level,
            new RedactedException(logEvent.Exception),
            logEvent.MessageTemplate,
            logEvent.Properties.Select(p => new LogEventProperty(p.Key, Redacted(p.Value, messages))),
            logEvent.TraceId ?? default,
            logEvent.SpanId ?? default);
    }

    private static LogEventPropertyValue Redacted(LogEventPropertyValue value, Dictionary<string, string> messages) =>
        value is ScalarValue { Value: string text } && messages.TryGetValue(text, out var type)
            ? new ScalarValue($"{type}: {RedactedException.Withheld}")
            : value;

    // The message of the exception and of every exception inside it, each with the type that carried it.
    private static Dictionary<string, string> Messages(Exception exception)
    {
        var messages = new Dictionary<string, string>(StringComparer.Ordinal);
        var pending = new Stack<Exception>([exception]);
        while (pending.TryPop(out var current))
        {
            if (current.Message.Length > 0)
            {
                messages.TryAdd(current.Message, current.GetType().FullName ?? current.GetType().Name);
            }

            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }

        return messages;
    }
}
