package dev.troupe.core.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;

/**
 * The one JSON shape of the API model: Kubernetes' field names, absent fields left out, timestamps
 * as RFC 3339 text.
 */
public final class Json {

  private static final ObjectMapper MAPPER = configure(JsonMapper.builder().build());
  private static final ObjectMapper YAML = configure(new YAMLMapper(new YAMLFactory()));

  private Json() {}

  /** Applies the model's conventions to a mapper (also used for the journal's serializer). */
  public static <M extends ObjectMapper> M configure(M mapper) {
    mapper.registerModule(new JavaTimeModule());
    mapper.setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
    mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    return mapper;
  }

  private static final ObjectMapper CANONICAL =
      configure(
          JsonMapper.builder()
              .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
              .build());

  /**
   * {@code node} as text with every object's keys sorted: two documents that mean the same have the
   * same canonical text, whatever their key order or the Java types of their numbers.
   */
  public static String canonical(com.fasterxml.jackson.databind.JsonNode node) {
    try {
      return CANONICAL.writeValueAsString(CANONICAL.treeToValue(node, Object.class));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static ObjectMapper yamlMapper() {
    return YAML;
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] writeBytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
