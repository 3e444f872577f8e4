package dev.troupe.core.model;

/** One key of a Secret of the pod's namespace. */
public record SecretKeySelector(String name, String key, Boolean optional) {}
