package dev.troupe.core.events;

import dev.troupe.core.JsonSerializable;
import dev.troupe.core.model.KubeObject;
import java.time.Instant;

/**
 * What happened to an object of a kind stored as JSON, as journaled; each event carries the object
 * as it became, its time and its cause.
 */
public sealed interface ObjectEvent extends JsonSerializable {

  Instant at();

  Cause cause();

  /** The object was accepted: defaults applied, uid and creation time stamped. */
  record ObjectCreated(KubeObject object, Instant at, Cause cause) implements ObjectEvent {}

  /** The object was changed by an update, a patch or a status write; it is now as given. */
  record ObjectUpdated(KubeObject object, Instant at, Cause cause) implements ObjectEvent {}

  /** Deletion was asked for while finalizers hold it: the object is terminating, as given. */
  record ObjectDeletionRequested(KubeObject object, Instant at, Cause cause)
      implements ObjectEvent {}

  /** The object no longer exists. */
  record ObjectDeleted(String uid, Instant at, Cause cause) implements ObjectEvent {}
}
