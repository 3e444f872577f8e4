package dev.troupe.core.model;

/** A ConfigMap or Secret whose keys become environment variables, each after {@code prefix}. */
public record EnvFromSource(
    String prefix, ConfigMapEnvSource configMapRef, SecretEnvSource secretRef) {}
