package dev.troupe.node.runtime;

/**
 * A runtime operation failed for a reason a user should see, e.g. {@code ErrImagePull}; the reason
 * becomes the container's waiting reason.
 */
public class RuntimeFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String reason;

  public RuntimeFailure(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public RuntimeFailure(String reason, String message) {
    this(reason, message, null);
  }

  public String reason() {
    return reason;
  }
}
