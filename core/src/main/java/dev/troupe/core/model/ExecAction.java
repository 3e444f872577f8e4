package dev.troupe.core.model;

import java.util.List;

/** Runs a command inside the container; exit status 0 is success. */
public record ExecAction(List<String> command) {}
