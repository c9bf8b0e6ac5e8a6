using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace AutomationFleet.Core.Metrics;

/// <summary>
/// Writes the current values of one meter's observable instruments in the Prometheus text exposition format
/// (version 0.0.4), the format OpenTelemetry's Prometheus exporter serves. Names follow OpenTelemetry's Prometheus
/// mapping: dots become underscores, the unit <c>s</c> adds <c>_seconds</c>, counters end in <c>_total</c>.
/// </summary>
/// <remarks>
/// Written here rather than taken from OpenTelemetry.Exporter.Prometheus.AspNetCore (still a beta package) because
/// the fleet only has observable instruments: one <see cref="MeterListener"/> pass gives every value.
/// </remarks>
public static class PrometheusExposition
{
    /// <summary>The content type of the text format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Observes every instrument of <paramref name="meterName"/> once and returns the exposition text.</summary>
    /// <param name="meterName">The meter to read, e.g. <see cref="FleetMeter.MeterName"/>.</param>
    /// <returns>The metrics as Prometheus text.</returns>
    public static string Write(string meterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(meterName);
        var series = new Dictionary<Instrument, List<(double Value, KeyValuePair<string, object?>[] Tags)>>();
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == meterName)
                {
                    series[instrument] = [];
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => series[instrument].Add((value, tags.ToArray())));
            listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => series[instrument].Add((value, tags.ToArray())));
            listener.Start();
            listener.RecordObservableInstruments();
        }

        var text = new StringBuilder();
        foreach (var (instrument, values) in series.OrderBy(s => s.Key.Name, StringComparer.Ordinal))
        {
            var counter = instrument.GetType().IsGenericType
                && instrument.GetType().GetGenericTypeDefinition() == typeof(ObservableCounter<>);
            var name = instrument.Name.Replace('.', '_') + (instrument.Unit == "s" ? "_seconds" : string.Empty) + (counter ? "_total" : string.Empty);
            text.Append("# HELP ").Append(name).Append(' ').Append(Escape(instrument.Description ?? string.Empty, help: true)).Append('\n');
            text.Append("# TYPE ").Append(name).Append(' ').Append(counter ? "counter" : "gauge").Append('\n');
            foreach (var (value, tags) in values)
            {
                text.Append(name);
                if (tags.Length > 0)
                {
                    text.Append('{')
                        .AppendJoin(',', tags.Select(t => t.Key.Replace('.', '_') + "=\"" + Escape(Convert.ToString(t.Value, CultureInfo.InvariantCulture) ?? string.Empty, help: false) + "\""))
                        .Append('}');
                }

                text.Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Escape(string value, bool help)
    {
        var escaped = value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return help ? escaped : escaped.Replace("\"", "\\\"", StringComparison.Ordinal);
    }
}
