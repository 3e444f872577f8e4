package dev.troupe.core.pod;

import dev.troupe.core.JsonSerializable;
import java.time.Instant;

/**
 * Something a node did or saw to one of a pod's containers that its status does not show: a failed
 * probe ({@code Unhealthy}), a container killed for failing one ({@code Killing}). Journaled by the
 * pod's entity, so a container's whole history stays readable, and shown as a core/v1 Event.
 *
 * @param container the container's name
 * @param reason Kubernetes' event reason: {@code Unhealthy}, {@code Killing}
 * @param warning whether it is a Warning (else Normal)
 * @param message as the kubelet words it
 * @param at when it happened
 */
public record NodeNote(String container, String reason, boolean warning, String message, Instant at)
    implements JsonSerializable {

  /** A probe of {@code container} failed: {@code Liveness probe failed: <why>}. */
  public static NodeNote probeFailed(
      String container, ProbeState.Kind kind, String why, Instant at) {
    return new NodeNote(container, "Unhealthy", true, kind.title() + " probe failed: " + why, at);
  }

  /** {@code container} is killed because its liveness or startup probe failed. */
  public static NodeNote killedForProbe(String container, ProbeState.Kind kind, Instant at) {
    return new NodeNote(
        container,
        "Killing",
        false,
        "Container %s failed %s probe, will be restarted"
            .formatted(container, kind.title().toLowerCase(java.util.Locale.ROOT)),
        at);
  }
}
