package dev.troupe.core.api;

import dev.troupe.core.model.ObjectMeta;
import java.util.Map;

/** Any object the API stores: it has metadata, and fields a field selector can test. */
public interface ApiObject {

  ObjectMeta metadata();

  default String namespace() {
    return metadata().namespace();
  }

  default String name() {
    return metadata().name();
  }

  /** {@code metadata.namespace/metadata.name}; cluster-scoped objects have an empty namespace. */
  default String key() {
    String namespace = namespace();
    return (namespace == null ? "" : namespace) + "/" + name();
  }

  /** The fields {@code fieldSelector} can name, with their values as text ("" when absent). */
  Map<String, String> selectableFields();
}
