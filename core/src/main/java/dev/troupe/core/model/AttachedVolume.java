package dev.troupe.core.model;

/** A volume attached to a node, and the device it is attached as. */
public record AttachedVolume(String name, String devicePath) {}
