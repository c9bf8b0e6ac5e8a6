using System.Globalization;
using System.Text.Json;
using Quartz.Serialization.SystemTextJson.Calendars;

namespace AutomationFleet.Worker.Scheduling;

/// <summary>Stores <see cref="EnglandAndWalesWorkingDayCalendar"/> in Quartz's job store as JSON.</summary>
public sealed class EnglandAndWalesWorkingDayCalendarSerializer : CalendarSerializer<EnglandAndWalesWorkingDayCalendar>
{
    private const string TimeZoneProperty = "workingDayTimeZone";
    private const string ExtraHolidaysProperty = "extraBankHolidays";

    public override string CalendarTypeName => "EnglandAndWalesWorkingDays";

    protected override EnglandAndWalesWorkingDayCalendar Create(JsonElement jsonElement, JsonSerializerOptions options)
    {
        var timeZone = jsonElement.TryGetProperty(TimeZoneProperty, out var zone) && zone.GetString() is { } id
            ? TimeZoneInfo.FindSystemTimeZoneById(id)
            : TimeZoneInfo.Utc;
        var extra = new List<DateOnly>();
        if (jsonElement.TryGetProperty(ExtraHolidaysProperty, out var days))
        {
            foreach (var day in days.EnumerateArray())
            {
                extra.Add(DateOnly.ParseExact(day.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
        }

        return new EnglandAndWalesWorkingDayCalendar(timeZone, extra);
    }

    protected override void SerializeFields(Utf8JsonWriter writer, EnglandAndWalesWorkingDayCalendar calendar, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(calendar);
        writer.WriteString(TimeZoneProperty, calendar.TimeZone.Id);
        writer.WriteStartArray(ExtraHolidaysProperty);
        foreach (var day in calendar.ExtraHolidays.Order())
        {
            writer.WriteStringValue(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        writer.WriteEndArray();
    }

    protected override void DeserializeFields(EnglandAndWalesWorkingDayCalendar calendar, JsonElement jsonElement, JsonSerializerOptions options)
    {
        // Everything was read in Create: the calendar is immutable once built.
    }
}
