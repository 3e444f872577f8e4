package dev.troupe.core.validation;

import dev.troupe.core.model.Status;

/**
 * One reason an object is invalid, worded as Kubernetes words it: {@code spec.containers[0].image:
 * Required value}.
 */
public record FieldError(Type type, String field, String value, String detail) {

  /** Kubernetes' field error types, with the reason each one reports. */
  public enum Type {
    REQUIRED("FieldValueRequired", "Required value"),
    INVALID("FieldValueInvalid", "Invalid value"),
    NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
    DUPLICATE("FieldValueDuplicate", "Duplicate value"),
    FORBIDDEN("FieldValueForbidden", "Forbidden"),
    TOO_MANY("FieldValueTooMany", "Too many");

    final String reason;
    final String text;

    Type(String reason, String text) {
      this.reason = reason;
      this.text = text;
    }
  }

  public static FieldError required(String field) {
    return new FieldError(Type.REQUIRED, field, null, null);
  }

  public static FieldError invalid(String field, Object value, String detail) {
    return new FieldError(Type.INVALID, field, quote(value), detail);
  }

  public static FieldError notSupported(String field, Object value, String... supported) {
    StringBuilder detail = new StringBuilder("supported values: ");
    for (int i = 0; i < supported.length; i++) {
      detail.append(i == 0 ? "" : ", ").append('"').append(supported[i]).append('"');
    }
    return new FieldError(Type.NOT_SUPPORTED, field, quote(value), detail.toString());
  }

  public static FieldError duplicate(String field, Object value) {
    return new FieldError(Type.DUPLICATE, field, quote(value), null);
  }

  public static FieldError forbidden(String field, String detail) {
    return new FieldError(Type.FORBIDDEN, field, null, detail);
  }

  /** {@code field.TooMany}: a list longer than allowed. */
  public static FieldError tooMany(String field, int actual, int max) {
    return new FieldError(
        Type.TOO_MANY, field, String.valueOf(actual), "must have at most " + max + " items");
  }

  /** The same error with an explanation after the type. */
  public FieldError withDetail(String newDetail) {
    return new FieldError(type, field, value, newDetail);
  }

  private static String quote(Object value) {
    return value instanceof String s ? '"' + s + '"' : String.valueOf(value);
  }

  /** The message without the field: {@code Invalid value: "Foo": must be lowercase}. */
  public String message() {
    StringBuilder m = new StringBuilder(type.text);
    if (value != null) {
      m.append(": ").append(value);
    }
    if (detail != null) {
      m.append(": ").append(detail);
    }
    return m.toString();
  }

  @Override
  public String toString() {
    return field + ": " + message();
  }

  public Status.Cause toCause() {
    return new Status.Cause(type.reason, message(), field);
  }
}
