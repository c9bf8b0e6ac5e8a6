using System.Globalization;
using AutomationFleet.Core.Blobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Connectors.CaseNotes;

/// <summary>
/// Opens case records through the system's new-person form with the worker's one browser. Exactly once: the record
/// carries the reference in its source-reference field and the system is searched for it before anything is created,
/// so an attempt after a crash, a timeout or a lost answer finds the first record and reuses it.
/// </summary>
public sealed class CaseRecordCreator : ICaseRecordCreator
{
    private readonly CaseManagementOptions _options;
    private readonly ILogger<CaseRecordCreator> _logger;
    private readonly CaseManagementAttempt _attempt;

    /// <summary>Creates the creator; credentials are read from the environment or secret files at each sign-in.</summary>
    public CaseRecordCreator(CaseManagementBrowser browser, IBlobStore blobs, IOptions<CaseManagementOptions> options, ILogger<CaseRecordCreator> logger)
        : this(browser, blobs, options, logger, Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Creates the creator reading credentials through <paramref name="environment"/> (tests).</summary>
    public CaseRecordCreator(
        CaseManagementBrowser browser, IBlobStore blobs, IOptions<CaseManagementOptions> options, ILogger<CaseRecordCreator> logger, Func<string, string?> environment)
    {
        _attempt = new CaseManagementAttempt(browser, blobs, options, logger, environment);
        _options = _attempt.Options;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<NewPersonResult> CreateAsync(NewPersonRequest person, string reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentException.ThrowIfNullOrWhiteSpace(person.GivenName);
        ArgumentException.ThrowIfNullOrWhiteSpace(person.Surname);
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        if (reference.Contains('\n', StringComparison.Ordinal) || reference.Contains('\r', StringComparison.Ordinal))
        {
            throw new ArgumentException("A reference is one line.", nameof(reference));
        }

        var dateOfBirth = person.DateOfBirth.ToString(_options.NewPerson.DateFormat, CultureInfo.InvariantCulture);
        return await _attempt.RunAsync(
            "new-person",
            reference,
            async pages =>
            {
                if (await pages.OpenPersonBySourceReferenceAsync(reference, cancellationToken) is { } existing)
                {
                    _logger.LogInformation("Record {CaseRecordId} already carries {Reference}; reused, nothing created", existing, reference);
                    return new NewPersonResult(NewPersonStatus.AlreadyThere, existing, reference);
                }

                // The bot matched against an extract that may be hours old: the same person may have been opened since
                // (by a case worker, or for an earlier form of theirs). A namesake born the same day is for a person to judge.
                var namesakes = await pages.CountPeopleAsync($"{person.GivenName} {person.Surname}", dateOfBirth, cancellationToken);
                if (namesakes > 0)
                {
                    throw new CaseManagementException(
                        CaseManagementFault.PossibleDuplicate,
                        $"The system already has {namesakes} person(s) with the same name and date of birth, perhaps opened since the extract "
                        + "the bot matched against; no record was created. Link the form to that record, or create the person by hand.");
                }

                var created = await pages.CreatePersonAsync(person, dateOfBirth, reference, cancellationToken);
                _logger.LogInformation("Record {CaseRecordId} created for {Reference}", created, reference);
                return new NewPersonResult(NewPersonStatus.Created, created, reference);
            },
            cancellationToken);
    }
}
