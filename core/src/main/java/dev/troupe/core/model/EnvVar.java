package dev.troupe.core.model;

/** An environment variable of a container: a literal {@code value}, or one taken {@code from}. */
public record EnvVar(String name, String value, EnvVarSource valueFrom) {

  /** A variable with a literal value. */
  public EnvVar(String name, String value) {
    this(name, value, null);
  }

  public EnvVar withValueFrom(EnvVarSource newValueFrom) {
    return new EnvVar(name, value, newValueFrom);
  }
}
