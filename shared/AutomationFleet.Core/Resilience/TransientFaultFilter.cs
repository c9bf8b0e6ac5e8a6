namespace AutomationFleet.Core.Resilience;

/// <summary>
/// What counts as a transient fault for one named pipeline, supplied by the library that knows the protocol
/// (e.g. the mail connector says which MailKit exceptions are worth another attempt). The pipeline's shape and
/// settings stay in <see cref="FleetPipelines"/>; a filter only narrows which exceptions are retried and counted by
/// the circuit breaker. Register with <see cref="FleetPipelines.AddTransientFaultFilter"/>.
/// </summary>
/// <param name="Pipeline">The pipeline name, one of <see cref="FleetPipelines.All"/>.</param>
/// <param name="IsTransient">True for an exception worth another attempt.</param>
public sealed record TransientFaultFilter(string Pipeline, Func<Exception, bool> IsTransient);
