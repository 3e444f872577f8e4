package dev.troupe.core.model;

/** A Secret whose every key becomes an environment variable. */
public record SecretEnvSource(String name, Boolean optional) {}
