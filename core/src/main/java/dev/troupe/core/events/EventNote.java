package dev.troupe.core.events;

/**
 * Something users should see in {@code kubectl describe} and {@code kubectl get events}, as the
 * component that did it would report it: a reason ({@code Scheduled}, {@code Started} …), a type
 * ({@code Normal} or {@code Warning}), a message, the reporting component and host, and the part of
 * the object it is about ({@code spec.containers{web}}, or null for the whole object).
 */
public record EventNote(
    String reason, String type, String message, String component, String host, String fieldPath) {

  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";
}
