package dev.troupe.core.model;

/** Opens a TCP connection to {@code port} (a number or a container port's name). */
public record TCPSocketAction(IntOrString port, String host) {}
