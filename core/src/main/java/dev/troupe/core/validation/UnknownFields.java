package dev.troupe.core.validation;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.core.model.IntOrString;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of a JSON body that the API model has no place for, which decoding would silently
 * drop: what Kubernetes reports under {@code fieldValidation=Strict} ({@code strict decoding error:
 * unknown field "spec.containers[0].imagee"}) or {@code Warn}.
 *
 * <p>The body is walked along the model's records: an object must only have the fields of its
 * record (by their JSON names, honouring {@code @JsonProperty} and {@code @JsonAlias}); a list's
 * items are walked with their index in brackets; a map may have any key, its values are walked
 * after a dot; a {@link JsonNode} component takes anything, as does an {@link IntOrString}. Values
 * of the wrong shape (a string where an object belongs) are not this class's concern: decoding
 * reports them.
 */
public final class UnknownFields {

  /** Each record's JSON field names, with the Java type of the value each one holds. */
  private static final ClassValue<Map<String, Type>> FIELDS =
      new ClassValue<>() {
        @Override
        protected Map<String, Type> computeValue(Class<?> type) {
          return fieldsOf(type);
        }
      };

  private UnknownFields() {}

  /**
   * The path of every field of {@code body} that {@code type} does not have, in the order they
   * appear: {@code spec.foo}, {@code spec.containers[0].imagee}, {@code metadata.labelz}. Empty
   * when the model holds the whole body.
   */
  public static List<String> find(JsonNode body, Class<? extends Record> type) {
    List<String> unknown = new ArrayList<>();
    walk(body, type, "", unknown);
    return List.copyOf(unknown);
  }

  /** What {@code fieldValidation=Warn} reports for one field: {@code unknown field "spec.foo"}. */
  public static String warning(String field) {
    return "unknown field \"" + field + "\"";
  }

  /**
   * The message of the 400 Bad Request that {@code fieldValidation=Strict} answers: {@code Pod in
   * version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.foo",
   * unknown field "spec.bar"}.
   */
  public static String strictDecodingError(String kind, String version, List<String> fields) {
    StringBuilder message =
        new StringBuilder(kind)
            .append(" in version \"")
            .append(version)
            .append("\" cannot be handled as a ")
            .append(kind)
            .append(": strict decoding error: ");
    for (int i = 0; i < fields.size(); i++) {
      message.append(i == 0 ? "" : ", ").append(warning(fields.get(i)));
    }
    return message.toString();
  }

  private static void walk(JsonNode node, Type type, String path, List<String> unknown) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return;
    }
    if (type instanceof WildcardType wildcard) {
      walk(node, wildcard.getUpperBounds()[0], path, unknown);
      return;
    }
    if (type instanceof ParameterizedType parameterized
        && parameterized.getRawType() instanceof Class<?> raw) {
      Type[] arguments = parameterized.getActualTypeArguments();
      if (Collection.class.isAssignableFrom(raw) && node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          walk(node.get(i), arguments[0], path + "[" + i + "]", unknown);
        }
      } else if (Map.class.isAssignableFrom(raw) && node.isObject()) {
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
          walk(entry.getValue(), arguments[1], join(path, entry.getKey()), unknown);
        }
      }
      return;
    }
    if (!(type instanceof Class<?> plain)
        || !plain.isRecord()
        || plain == IntOrString.class
        || !node.isObject()) {
      // scalars, JSON trees and int-or-strings take any field; a wrong shape is decoding's error
      return;
    }
    Map<String, Type> fields = FIELDS.get(plain);
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String at = join(path, entry.getKey());
      Type fieldType = fields.get(entry.getKey());
      if (fieldType == null) {
        unknown.add(at);
      } else {
        walk(entry.getValue(), fieldType, at, unknown);
      }
    }
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private static Map<String, Type> fieldsOf(Class<?> record) {
    Map<String, Type> fields = new LinkedHashMap<>();
    for (RecordComponent component : record.getRecordComponents()) {
      if (annotation(record, component, JsonIgnore.class) != null) {
        continue;
      }
      Type type = component.getGenericType();
      JsonProperty renamed = annotation(record, component, JsonProperty.class);
      String name =
          renamed == null || renamed.value().isEmpty() ? component.getName() : renamed.value();
      fields.put(name, type);
      JsonAlias aliases = annotation(record, component, JsonAlias.class);
      if (aliases != null) {
        for (String alias : aliases.value()) {
          fields.put(alias, type);
        }
      }
    }
    return Map.copyOf(fields);
  }

  /** An annotation of a component wherever Java put it: component, accessor or field. */
  private static <A extends java.lang.annotation.Annotation> A annotation(
      Class<?> record, RecordComponent component, Class<A> kind) {
    A found = component.getAnnotation(kind);
    if (found == null) {
      found = component.getAccessor().getAnnotation(kind);
    }
    if (found == null) {
      try {
        Field field = record.getDeclaredField(component.getName());
        found = field.getAnnotation(kind);
      } catch (NoSuchFieldException e) {
        // every record component has its private field; nothing more to look at
      }
    }
    return found;
  }
}
