package dev.troupe.core.model;

/** One port a Service exposes, and the pods' port ({@code targetPort}) it forwards to. */
public record ServicePort(
    String name,
    String protocol,
    String appProtocol,
    Integer port,
    IntOrString targetPort,
    Integer nodePort) {}
