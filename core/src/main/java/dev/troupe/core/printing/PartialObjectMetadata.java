package dev.troupe.core.printing;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.troupe.core.model.ObjectMeta;

/**
 * meta.k8s.io/v1 PartialObjectMetadata: only an object's metadata, which is what a table row
 * carries by default. kubectl reads it for the NAMESPACE column of {@code -A} and for labels.
 */
@JsonPropertyOrder({"kind", "apiVersion", "metadata"})
public record PartialObjectMetadata(String kind, String apiVersion, ObjectMeta metadata) {

  public static final String KIND = "PartialObjectMetadata";
  public static final String API_VERSION = "meta.k8s.io/v1";

  public static PartialObjectMetadata of(ObjectMeta metadata) {
    return new PartialObjectMetadata(KIND, API_VERSION, metadata);
  }
}
