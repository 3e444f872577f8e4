package dev.troupe.core.kinds;

import static dev.troupe.core.kinds.JsonFields.text;

import dev.troupe.core.api.ResourceType;
import dev.troupe.core.api.ResourceTypes;
import dev.troupe.core.model.Event;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.printing.EventPrinter;
import dev.troupe.core.printing.TablePrinter;
import dev.troupe.core.validation.FieldError;
import java.util.ArrayList;
import java.util.List;

/**
 * core/v1 Events, checked as Kubernetes' {@code legacyValidateEvent}: an event lives in the
 * namespace of the object it is about ({@code default} for cluster-scoped objects); an event with
 * an {@code eventTime} (reported through the newer API) also names its reporter, action and reason.
 * Kubernetes gives events no defaults.
 */
public final class EventKind implements StoredKind {

  public static final EventKind INSTANCE = new EventKind();

  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";

  static final String NAMESPACE_MISMATCH = "does not match event.namespace";
  static final int REPORTING_INSTANCE_LIMIT = 128;
  static final int ACTION_LIMIT = 128;
  static final int REASON_LIMIT = 128;
  static final int NOTE_LIMIT = 1024;

  private static final EventPrinter PRINTER = new EventPrinter();

  private EventKind() {}

  @Override
  public ResourceType type() {
    return ResourceTypes.EVENTS;
  }

  @Override
  public Class<? extends Record> model() {
    return Event.class;
  }

  @Override
  public List<FieldError> validate(KubeObject event) {
    List<FieldError> errors = new ArrayList<>();
    String namespace = event.namespace() == null ? "" : event.namespace();
    String involvedNamespace = event.text("/involvedObject/namespace");
    boolean reportedAsNew = !event.text("/eventTime").isEmpty();
    boolean mismatch;
    if (!reportedAsNew) {
      mismatch =
          involvedNamespace.isEmpty()
              ? !namespace.isEmpty() && !namespace.equals("default")
              : !namespace.equals(involvedNamespace);
    } else {
      mismatch =
          involvedNamespace.isEmpty()
              && !namespace.equals("default")
              && !namespace.equals("kube-system");
    }
    if (mismatch) {
      errors.add(
          FieldError.invalid("involvedObject.namespace", involvedNamespace, NAMESPACE_MISMATCH));
    }
    if (reportedAsNew) {
      validateReporting(event, errors);
    }
    String type = event.text("/type");
    if (!type.isEmpty() && !type.equals(NORMAL) && !type.equals(WARNING)) {
      errors.add(FieldError.notSupported("type", type, NORMAL, WARNING));
    }
    return errors;
  }

  /** What an event reported with an {@code eventTime} must say about who reported what. */
  private static void validateReporting(KubeObject event, List<FieldError> errors) {
    // The JSON field is reportingComponent; Kubernetes names the Go field in its message.
    if (event.text("/reportingComponent").isEmpty()) {
      errors.add(FieldError.required("reportingController"));
    }
    requiredWithin(
        text(event.field("reportingInstance")),
        "reportingInstance",
        REPORTING_INSTANCE_LIMIT,
        errors);
    requiredWithin(text(event.field("action")), "action", ACTION_LIMIT, errors);
    requiredWithin(text(event.field("reason")), "reason", REASON_LIMIT, errors);
    if (event.text("/message").length() > NOTE_LIMIT) {
      errors.add(
          FieldError.invalid("message", "", "can have at most " + NOTE_LIMIT + " characters"));
    }
  }

  private static void requiredWithin(
      String value, String field, int limit, List<FieldError> errors) {
    if (value.isEmpty()) {
      errors.add(FieldError.required(field));
    }
    if (value.length() > limit) {
      errors.add(FieldError.invalid(field, "", "can have at most " + limit + " characters"));
    }
  }

  @Override
  public TablePrinter<KubeObject> printer() {
    return PRINTER;
  }
}
