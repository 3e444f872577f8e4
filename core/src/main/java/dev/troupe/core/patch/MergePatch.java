package dev.troupe.core.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;

/**
 * JSON Merge Patch ({@code application/merge-patch+json}, RFC 7386) as the Kubernetes API server
 * applies it with evanphx/json-patch v4: objects merge member by member, a {@code null} member
 * deletes, arrays and scalars replace, and a patch that is not an object replaces the whole target.
 *
 * <p>One inherited quirk is kept: a patch value that is placed where the target has no object (the
 * member is absent, {@code null}, an array or a scalar) is first stripped of its {@code null}
 * object members, also inside arrays; a patch array replacing an object member is placed as it is.
 * So {@code {"a":[{"b":null}]}} yields {@code {"a":[{}]}} on {@code {}} but {@code
 * {"a":[{"b":null}]}} on {@code {"a":{}}}. Pure: never mutates its inputs, and the result shares no
 * node with them.
 */
public final class MergePatch {

  /**
   * What the API server answers (400 Bad Request) to a merge patch that is {@code null} or a
   * scalar.
   */
  public static final String INVALID_PATCH = "Invalid JSON Patch";

  private MergePatch() {}

  /**
   * Applies {@code patch} to {@code target}. A patch that is {@code null} or a scalar replaces the
   * target, as RFC 7386 says; the API server refuses such patches instead, see {@link #refusal}. A
   * Java {@code null} stands for JSON {@code null}.
   */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    if (patch instanceof ObjectNode patchObject) {
      if (target instanceof ObjectNode targetObject) {
        ObjectNode merged = targetObject.deepCopy();
        mergeInto(merged, patchObject);
        return merged;
      }
      return withoutNulls(patchObject);
    }
    if (patch instanceof ArrayNode) {
      return withoutNulls(patch);
    }
    return patch == null || patch.isMissingNode() ? NullNode.getInstance() : patch.deepCopy();
  }

  /**
   * Why the API server would refuse {@code patch} as a merge patch: {@value #INVALID_PATCH} for
   * {@code null} and for scalars; empty for objects and arrays.
   */
  public static Optional<String> refusal(JsonNode patch) {
    return patch != null && patch.isContainerNode() ? Optional.empty() : Optional.of(INVALID_PATCH);
  }

  private static void mergeInto(ObjectNode target, ObjectNode patch) {
    for (Map.Entry<String, JsonNode> member : patch.properties()) {
      String key = member.getKey();
      JsonNode value = member.getValue();
      if (value.isNull()) {
        target.remove(key);
        continue;
      }
      JsonNode current = target.get(key);
      if (current instanceof ObjectNode currentObject) {
        if (value instanceof ObjectNode valueObject) {
          mergeInto(currentObject, valueObject);
        } else {
          target.set(key, value.deepCopy());
        }
      } else {
        target.set(key, withoutNulls(value));
      }
    }
  }

  /** A copy of {@code value} without the null members of its objects, at any depth. */
  private static JsonNode withoutNulls(JsonNode value) {
    if (value instanceof ObjectNode object) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> member : object.properties()) {
        if (!member.getValue().isNull()) {
          copy.set(member.getKey(), withoutNulls(member.getValue()));
        }
      }
      return copy;
    }
    if (value instanceof ArrayNode array) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode(array.size());
      for (JsonNode element : array) {
        copy.add(withoutNulls(element));
      }
      return copy;
    }
    return value.deepCopy();
  }
}
