package dev.troupe.core.events;

/**
 * Who made a change and why: the principal (a user, or the entity or agent that acted), what
 * triggered it (a request, a parent event) and a human reason. It is what makes history answer "who
 * changed this, and why".
 */
public record Cause(String principal, String trigger, String reason) {

  public static Cause of(String principal, String trigger, String reason) {
    return new Cause(principal, trigger, reason);
  }
}
