package dev.troupe.core.model;

/** A header of an HTTP probe's or hook's request. */
public record HTTPHeader(String name, String value) {}
