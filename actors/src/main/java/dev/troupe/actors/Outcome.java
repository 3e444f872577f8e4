package dev.troupe.actors;

/** How a request to an entity ended. */
public enum Outcome {
  OK,
  NOT_FOUND,
  ALREADY_EXISTS,
  /** The request named a resource version (or uid) that is no longer the object's. */
  CONFLICT,
  /** The change is not allowed; the reply lists why. */
  INVALID
}
