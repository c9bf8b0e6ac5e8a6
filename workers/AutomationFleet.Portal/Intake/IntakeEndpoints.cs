using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using AutomationFleet.Core.WorkItems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Portal.Intake;

/// <summary>
/// <c>POST /intake/{queue}</c>: where a council's online form posts a submission as JSON, with its API key as
/// <c>Authorization: Bearer …</c>. The body becomes the payload of a new item on the queue the key is for; the bot
/// consuming it checks the content (a bad form is kept with the reason, never lost). The item's reference is
/// <c>intake:{source}:{id}</c>, where id is the <c>Idempotency-Key</c> header or else the body's SHA-256, so a form
/// posted twice makes one item. Answers 202 with the reference; 401 without a known key, 403 for another queue's key,
/// 400 for a body that is not a JSON object, 413 for one over <see cref="IntakeOptions.MaxBodyBytes"/>.
/// </summary>
public static partial class IntakeEndpoints
{
    /// <summary>Options (section <c>Intake</c>, validated at start).</summary>
    public static IServiceCollection AddFleetIntake(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IntakeOptions>, IntakeOptionsValidator>());
        return services;
    }

    /// <summary>Maps the endpoint; anonymous to the portal's sign-in, it checks its own keys.</summary>
    public static IEndpointRouteBuilder MapFleetIntake(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost("/intake/{queue}", PostAsync).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> PostAsync(string queue, HttpContext context, CancellationToken cancellationToken)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptions<IntakeOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IntakeEndpoints));
        var header = context.Request.Headers.Authorization.ToString();
        var key = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..].Trim() : "";
        if (key.Length == 0 || IntakeKeys.Find(options.Sources, key) is not { } source)
        {
            logger.LogWarning("Intake refused a request for {Queue}: no known API key", queue);
            return Problem(StatusCodes.Status401Unauthorized, "Give the source's API key as 'Authorization: Bearer <key>'.");
        }

        if (!string.Equals(source.Queue, queue, StringComparison.Ordinal))
        {
            logger.LogWarning("Intake refused source {Source}: its key is for {Allowed}, not {Queue}", source.Name, source.Queue, queue);
            return Problem(StatusCodes.Status403Forbidden, $"This key may post to '{source.Queue}' only.");
        }

        var body = await ReadBodyAsync(context.Request, options.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, $"The body is over {options.MaxBodyBytes} bytes.");
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Problem(StatusCodes.Status400BadRequest, "The body must be a JSON object.");
            }
        }
        catch (JsonException exception)
        {
            return Problem(StatusCodes.Status400BadRequest, "The body is not valid JSON: " + exception.Message);
        }

        var id = context.Request.Headers["Idempotency-Key"].ToString();
        if (id.Length > 0 && !SubmissionId().IsMatch(id))
        {
            return Problem(StatusCodes.Status400BadRequest, "Idempotency-Key must be 1 to 100 letters, digits, '.', '_' or '-'.");
        }

        if (id.Length == 0)
        {
            id = Convert.ToHexStringLower(SHA256.HashData(body));
        }

        var reference = $"intake:{source.Name}:{id}";
        var result = await services.GetRequiredService<IWorkQueue>().EnqueueAsync(
            new NewWorkItem(queue, reference, System.Text.Encoding.UTF8.GetString(body), []), $"intake:{source.Name}", cancellationToken);
        logger.LogInformation("Intake from {Source}: {Reference} on {Queue} ({Created})", source.Name, reference, queue, result.Created ? "new" : "already there");
        return Results.Json(new { reference, created = result.Created }, statusCode: StatusCodes.Status202Accepted);
    }

    // Reads at most max bytes; null when the body is longer (the rest is not read).
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        if (request.ContentLength > max)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static IResult Problem(int status, string detail) => Results.Problem(detail: detail, statusCode: status);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex SubmissionId();
}
