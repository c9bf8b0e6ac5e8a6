using System.Globalization;

namespace AutomationFleet.Bots.IncidentReports.Cli;

/// <summary>What <c>fleet incidents bench</c> measured. Times in milliseconds.</summary>
internal sealed record IncidentBenchmarkReport(
    int Cores,
    int Seeded,
    double SeedSeconds,
    int OpenAtStart,
    int OpenAtEnd,
    int Reports,
    int Repeats,
    int WarmUpReports,
    int Allocated,
    int Linked,
    int Review,
    int Refused,
    int Opened,
    double LinkedShare,
    int RepeatsLinkedToTheirIncident,
    int NewReportsLinked,
    int ReportsWithSamePlaceCandidate,
    long PairsDecidedByWordOverlap,
    long PairsSentToEncoder,
    long CandidateVectorsKept,
    long CandidateTextsEncoded,
    int ReportsEmbedded,
    int TextsEmbedded,
    int TextsEncodedByModel,
    double DecideP50Ms,
    double DecideP95Ms,
    double DecideP99Ms,
    double DecideMaxMs,
    double DecideWithoutEncoderP50Ms,
    double DecideWithoutEncoderP99Ms,
    double EncoderSeconds,
    double DecideMeanMs,
    double NearbyQueryMeanMs,
    double NearbyRowsPerQuery,
    double CountsQueryMeanMs,
    double EncoderMeanMs,
    double DecideRestMeanMs,
    double WriteMeanMs,
    int IncidentVectorsKept,
    double IncidentVectorMeanMs,
    double DecideAndRecordP50Ms,
    double DecideAndRecordP99Ms,
    double DecideAndRecordMaxMs,
    double ReportsPerSecond,
    double Seconds,
    string LoadAverageBefore,
    string LoadAverageAfter,
    string LoadAverageAtSeeding)
{
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"""
        incidents bench on {Cores} core(s): {Seeded:N0} incidents seeded in {SeedSeconds:0.0} s; {OpenAtStart:N0} open at the start, {OpenAtEnd:N0} at the end
        {Reports:N0} reports ({Repeats:N0} repeats of a seeded incident), after {WarmUpReports} warm-up reports:
          allocated {Allocated:N0}, linked {Linked:N0} ({LinkedShare:P1}), to a person {Review:N0}, refused {Refused:N0}; {Opened:N0} incidents opened
          repeats linked to their incident {RepeatsLinkedToTheirIncident:N0} of {Repeats:N0}; new reports linked to another {NewReportsLinked:N0}
          {ReportsWithSamePlaceCandidate:N0} reports had an open incident of their group at the same place and time ({(double)ReportsWithSamePlaceCandidate / Reports:P1}); of their pairs, {PairsDecidedByWordOverlap:N0} decided by word overlap, {PairsSentToEncoder:N0} sent to the encoder ({CandidateVectorsKept:N0} with the incident's kept vector, {CandidateTextsEncoded:N0} incident texts encoded)
          {ReportsEmbedded:N0} reports needed the encoder ({TextsEmbedded:N0} texts, {TextsEncodedByModel:N0} of them not in its cache)
        decision (triage alone): p50 {DecideP50Ms:0.000} ms, p95 {DecideP95Ms:0.000} ms, p99 {DecideP99Ms:0.000} ms, max {DecideMaxMs:0.000} ms
        decision less the encoder (parse, place, store queries, allocation): p50 {DecideWithoutEncoderP50Ms:0.000} ms, p99 {DecideWithoutEncoderP99Ms:0.000} ms; {EncoderSeconds:0.00} s in the encoder
        where a report's time goes (mean per report): decision {DecideMeanMs:0.000} ms = nearby query {NearbyQueryMeanMs:0.000} ms ({NearbyRowsPerQuery:0.0} rows a query) + team's open counts {CountsQueryMeanMs:0.000} ms + encoder {EncoderMeanMs:0.000} ms + the rest (parse, kind, place, word overlap, allocation) {DecideRestMeanMs:0.000} ms; record {WriteMeanMs + IncidentVectorMeanMs:0.000} ms = store write {WriteMeanMs:0.000} ms + new incidents' text vectors from the encoder's cache {IncidentVectorMeanMs:0.000} ms ({IncidentVectorsKept:N0} of {Opened:N0} new incidents kept one, the others had not been encoded)
        decision + record: p50 {DecideAndRecordP50Ms:0.000} ms, p99 {DecideAndRecordP99Ms:0.000} ms, max {DecideAndRecordMaxMs:0.000} ms
        {ReportsPerSecond:N1} reports/s end to end ({Seconds:0.00} s, one after the other)
        load average {LoadAverageBefore} before, {LoadAverageAfter} after (at seeding {LoadAverageAtSeeding})
        """);
}
