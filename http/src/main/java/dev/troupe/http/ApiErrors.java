package dev.troupe.http;

import dev.troupe.core.api.ResourceType;
import dev.troupe.core.apply.ApplyResult;
import dev.troupe.core.apply.Conflict;
import dev.troupe.core.model.Status;
import dev.troupe.core.validation.FieldError;
import java.util.List;
import java.util.stream.Collectors;

/** Kubernetes' error replies, worded exactly as kubectl expects to print them. */
public final class ApiErrors {

  private ApiErrors() {}

  /** {@code pods "nope" not found}. */
  public static Status notFound(String resource, String name) {
    return Status.failure(
        404,
        "NotFound",
        "%s \"%s\" not found".formatted(resource, name),
        new Status.Details(name, "", resource, null, null));
  }

  /** {@code deployments.apps "web" not found}, with the group in the details. */
  public static Status notFound(ResourceType type, String name) {
    return Status.failure(
        404,
        "NotFound",
        "%s \"%s\" not found".formatted(type.qualifiedResource(), name),
        details(type, name));
  }

  /** {@code services "web" already exists}. */
  public static Status alreadyExists(ResourceType type, String name) {
    return Status.failure(
        409,
        "AlreadyExists",
        "%s \"%s\" already exists".formatted(type.qualifiedResource(), name),
        details(type, name));
  }

  /** A write refused because the object is not as the request assumed: {@code why} says how. */
  public static Status conflict(ResourceType type, String name, String why) {
    return Status.failure(
        409,
        "Conflict",
        "Operation cannot be fulfilled on %s \"%s\": %s"
            .formatted(type.qualifiedResource(), name, why),
        details(type, name));
  }

  /** {@code Deployment.apps "web" is invalid: …}. */
  public static Status invalid(ResourceType type, String name, List<FieldError> errors) {
    String kind = type.group().isEmpty() ? type.kind() : type.kind() + "." + type.group();
    Status status = invalid(kind, name, errors);
    return new Status(
        status.kind(),
        status.apiVersion(),
        status.metadata(),
        status.status(),
        status.message(),
        status.reason(),
        new Status.Details(name, type.group(), type.kind(), null, status.details().causes()),
        status.code());
  }

  /** Creating in a namespace that is being deleted. */
  public static Status namespaceTerminating(ResourceType type, String name, String namespace) {
    return Status.failure(
        403,
        "Forbidden",
        "%s \"%s\" is forbidden: unable to create new content in namespace %s because it is being terminated"
            .formatted(type.qualifiedResource(), name, namespace),
        details(type, name));
  }

  private static Status.Details details(ResourceType type, String name) {
    return new Status.Details(name, type.group(), type.plural(), null, null);
  }

  /**
   * Server-side apply refused because other managers own fields the applied configuration sets to
   * other values: {@code message} says so as a whole, each cause names one field.
   */
  public static Status applyConflicts(ApplyResult.Conflicted conflicted) {
    List<Status.Cause> causes =
        conflicted.conflicts().stream()
            .map(c -> new Status.Cause(Conflict.CAUSE_TYPE, c.causeMessage(), c.field()))
            .toList();
    return Status.failure(
        409, "Conflict", conflicted.message(), new Status.Details(null, null, null, null, causes));
  }

  /** A server-side apply the configuration itself makes impossible (400) or that failed (500). */
  public static Status applyRejected(ApplyResult.Rejected rejected) {
    return rejected.code() == 400 ? badRequest(rejected.message()) : internal(rejected.message());
  }

  /** {@code PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: …}. */
  public static Status fieldManagerRequired() {
    return Status.failure(
        422,
        "Invalid",
        "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for"
            + " apply patch",
        new Status.Details(
            null,
            "meta.k8s.io",
            "PatchOptions",
            null,
            List.of(
                new Status.Cause(
                    "FieldValueRequired",
                    "Required value: is required for apply patch",
                    "fieldManager"))));
  }

  /** A path the API does not serve. */
  public static Status unknownPath() {
    return Status.failure(
        404, "NotFound", "the server could not find the requested resource", null);
  }

  public static Status methodNotAllowed() {
    return Status.failure(
        405,
        "MethodNotAllowed",
        "the server does not allow this method on the requested resource",
        null);
  }

  /** {@code pods "web" already exists}. */
  public static Status alreadyExists(String resource, String name) {
    return Status.failure(
        409,
        "AlreadyExists",
        "%s \"%s\" already exists".formatted(resource, name),
        new Status.Details(name, "", resource, null, null));
  }

  /** A write based on a version that is no longer the object's (optimistic concurrency). */
  public static Status conflict(String resource, String name) {
    return Status.failure(
        409,
        "Conflict",
        "Operation cannot be fulfilled on %s \"%s\": the object has been modified; please apply"
                .formatted(resource, name)
            + " your changes to the latest version and try again",
        new Status.Details(name, "", resource, null, null));
  }

  /** {@code Pod "x" is invalid: [a: Required value, b: Invalid value: …]}, with one cause each. */
  public static Status invalid(String kind, String name, List<FieldError> errors) {
    String list = errors.stream().map(FieldError::toString).collect(Collectors.joining(", "));
    String message =
        "%s \"%s\" is invalid: %s"
            .formatted(
                kind, name == null ? "" : name, errors.size() == 1 ? list : "[" + list + "]");
    List<Status.Cause> causes = errors.stream().map(FieldError::toCause).toList();
    return Status.failure(
        422, "Invalid", message, new Status.Details(name, "", kind, null, causes));
  }

  /** A watch from a version the index no longer holds: the client lists again. */
  public static Status expired(String requested, long oldest) {
    return Status.failure(
        410, "Expired", "too old resource version: %s (%d)".formatted(requested, oldest), null);
  }

  /** A patch in a format the server does not apply. */
  public static Status unsupportedPatch(String mediaType) {
    return Status.failure(
        415,
        "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include:"
            + " application/json-patch+json, application/merge-patch+json,"
            + " application/strategic-merge-patch+json",
        null);
  }

  /** A patch that is well formed but cannot be applied to the object as it is. */
  public static Status patchNotApplicable(String message) {
    return Status.failure(422, "Invalid", message, null);
  }

  /** A JSON patch with more operations than the server applies. */
  public static Status tooLargePatch(String message) {
    return Status.failure(413, "RequestEntityTooLarge", message, null);
  }

  /** A paged list whose continuation can no longer be served consistently. */
  public static Status continueExpired() {
    return Status.failure(
        410,
        "Expired",
        "The provided continue parameter is too old to display a consistent list result. You can"
            + " start a new list without the continue parameter.",
        null);
  }

  public static Status badRequest(String message) {
    return Status.failure(400, "BadRequest", message, null);
  }

  public static Status unsupportedMediaType(String contentType) {
    return Status.failure(
        415,
        "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include:"
            + " application/json, application/yaml",
        null);
  }

  public static Status tooLarge(long limit) {
    return Status.failure(
        413,
        "RequestEntityTooLarge",
        "Request entity too large: limit is %d".formatted(limit),
        null);
  }

  /** The write may or may not have happened: never reported as a failure of the write. */
  public static Status timeout(java.time.Duration waited) {
    return Status.failure(
        504,
        "Timeout",
        "Timeout: the request did not complete within %ds; its outcome is unknown"
            .formatted(waited.toSeconds()),
        null);
  }

  public static Status internal(String message) {
    return Status.failure(500, "InternalError", "Internal error occurred: " + message, null);
  }

  public static Status unavailable(String message) {
    return Status.failure(503, "ServiceUnavailable", message, null);
  }
}
