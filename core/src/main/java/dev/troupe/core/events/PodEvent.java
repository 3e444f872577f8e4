package dev.troupe.core.events;

import dev.troupe.core.JsonSerializable;
import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodSpec;
import dev.troupe.core.model.PodStatus;
import java.time.Instant;

/** What happened to a pod, as journaled; each event carries its time and its cause. */
public sealed interface PodEvent extends JsonSerializable {

  Instant at();

  Cause cause();

  /** The pod was accepted: defaults applied, uid and creation time stamped. */
  record PodCreated(Pod pod, Instant at, Cause cause) implements PodEvent {}

  /**
   * The pod was updated: what an update may change (labels, annotations, owners, finalizers,
   * images) is as given.
   */
  record PodUpdated(ObjectMeta metadata, PodSpec spec, Instant at, Cause cause)
      implements PodEvent {}

  /** The pod was bound to a node. */
  record PodScheduled(String nodeName, Instant at, Cause cause) implements PodEvent {}

  /** The pod's status changed as its node observed it. */
  record PodStatusObserved(PodStatus status, Instant at, Cause cause) implements PodEvent {}

  /**
   * The node did or saw something to the pod's containers that its status does not show (a failed
   * probe, a kill for one); the pod object is unchanged.
   */
  record PodNodeNoted(java.util.List<dev.troupe.core.pod.NodeNote> notes, Instant at, Cause cause)
      implements PodEvent {}

  /** Deletion was asked for: the pod is terminating and has {@code gracePeriodSeconds} to stop. */
  record PodDeletionRequested(long gracePeriodSeconds, Instant at, Cause cause)
      implements PodEvent {}

  /** The pod's containers are gone and the object no longer exists. */
  record PodDeleted(String uid, Instant at, Cause cause) implements PodEvent {}
}
