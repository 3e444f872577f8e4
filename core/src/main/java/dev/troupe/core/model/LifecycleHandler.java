package dev.troupe.core.model;

/** What a lifecycle hook does; exactly one of the handlers is set. */
public record LifecycleHandler(
    ExecAction exec, HTTPGetAction httpGet, TCPSocketAction tcpSocket, SleepAction sleep) {

  public LifecycleHandler withHttpGet(HTTPGetAction newHttpGet) {
    return new LifecycleHandler(exec, newHttpGet, tcpSocket, sleep);
  }
}
