package dev.troupe.node.runtime;

/** The container engine cannot be reached; the message says what to start. */
public class RuntimeUnavailable extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public RuntimeUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
