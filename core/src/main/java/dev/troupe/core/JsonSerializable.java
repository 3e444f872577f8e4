package dev.troupe.core;

/**
 * Marks a type that crosses an actor boundary or lands in the journal, serialized as JSON.
 *
 * <p>Serialization bindings name this interface, so every command, reply and event that implements
 * it can travel between cluster members and be stored.
 */
public interface JsonSerializable {}
