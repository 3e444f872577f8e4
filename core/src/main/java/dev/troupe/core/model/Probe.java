package dev.troupe.core.model;

/**
 * A liveness, readiness or startup check of a container. Exactly one handler ({@code exec}, {@code
 * httpGet}, {@code tcpSocket}, {@code grpc}) is set; Kubernetes writes them inline in the probe.
 */
public record Probe(
    ExecAction exec,
    HTTPGetAction httpGet,
    TCPSocketAction tcpSocket,
    GRPCAction grpc,
    Integer initialDelaySeconds,
    Integer timeoutSeconds,
    Integer periodSeconds,
    Integer successThreshold,
    Integer failureThreshold,
    Long terminationGracePeriodSeconds) {

  /** The same probe with new handlers and timings, keeping its grace period. */
  public Probe withHandlers(
      ExecAction newExec,
      HTTPGetAction newHttpGet,
      TCPSocketAction newTcpSocket,
      GRPCAction newGrpc) {
    return new Probe(
        newExec,
        newHttpGet,
        newTcpSocket,
        newGrpc,
        initialDelaySeconds,
        timeoutSeconds,
        periodSeconds,
        successThreshold,
        failureThreshold,
        terminationGracePeriodSeconds);
  }

  /** The same probe with new timings and thresholds, keeping its handlers. */
  public Probe withTimings(
      Integer newTimeoutSeconds,
      Integer newPeriodSeconds,
      Integer newSuccessThreshold,
      Integer newFailureThreshold) {
    return new Probe(
        exec,
        httpGet,
        tcpSocket,
        grpc,
        initialDelaySeconds,
        newTimeoutSeconds,
        newPeriodSeconds,
        newSuccessThreshold,
        newFailureThreshold,
        terminationGracePeriodSeconds);
  }
}
