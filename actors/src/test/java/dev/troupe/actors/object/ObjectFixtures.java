package dev.troupe.actors.object;

import static dev.troupe.actors.PodFixtures.T0;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.json.Json;
import dev.troupe.core.kinds.ObjectAdmission;
import dev.troupe.core.kinds.StoredKind;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.patch.MergePatch;
import java.io.UncheckedIOException;
import java.util.Random;

/** Small named builders for the objects of stored kinds, as a client sends them. */
public final class ObjectFixtures {

  private ObjectFixtures() {}

  /** The object {@code json} describes. */
  public static KubeObject object(String json) {
    return KubeObject.of((ObjectNode) tree(json));
  }

  /** A Deployment selecting {@code app=web} that runs one nginx container. */
  public static KubeObject deployment(String name) {
    return object(
        """
        {"metadata":{"name":"%s","labels":{"team":"a"}},
         "spec":{"selector":{"matchLabels":{"app":"web"}},
                 "template":{"metadata":{"labels":{"app":"web"}},
                             "spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}}
        """
            .formatted(name));
  }

  /** A Service of {@code type} (ClusterIP, NodePort …) in front of {@code app=web} on port 80. */
  public static KubeObject service(String name, String type) {
    return object(
        """
        {"metadata":{"name":"%s","labels":{"app":"web"}},
         "spec":{"type":"%s","selector":{"app":"web"},"ports":[{"port":80}]}}
        """
            .formatted(name, type));
  }

  /** A Namespace as {@code kubectl create namespace} sends it. */
  public static KubeObject namespace(String name) {
    return object("{\"metadata\":{\"name\":\"%s\"}}".formatted(name));
  }

  /** {@code sent} as the API admits a create of it into {@code namespace}; it must be valid. */
  public static KubeObject admitted(StoredKind kind, KubeObject sent, String namespace) {
    ObjectAdmission.Admitted admitted =
        ObjectAdmission.prepareCreate(kind, sent, namespace, new Random(1));
    if (!admitted.isValid()) {
      throw new IllegalStateException("fixture object is invalid: " + admitted.errors());
    }
    return admitted.object();
  }

  /**
   * {@code sent} as an entity stores it in {@code namespace} (uid, creation time, first status), at
   * {@code resourceVersion}.
   */
  public static KubeObject stored(
      StoredKind kind, KubeObject sent, String namespace, long resourceVersion) {
    KubeObject admitted = admitted(kind, sent, namespace);
    String uid = "uid-" + admitted.namespace() + "-" + admitted.name();
    return atVersion(ObjectAdmission.stamp(kind, admitted, uid, T0), resourceVersion);
  }

  /** {@code object} with the JSON merge patch {@code patch} applied (a null removes a field). */
  public static KubeObject patched(KubeObject object, String patch) {
    return KubeObject.of((ObjectNode) MergePatch.apply(object.copyOfJson(), tree(patch)));
  }

  /** {@code object} as stored at another resource version. */
  public static KubeObject atVersion(KubeObject object, long resourceVersion) {
    return object.withMetadata(
        object.metadata().withResourceVersion(Long.toString(resourceVersion)));
  }

  public static long version(KubeObject object) {
    return Long.parseLong(object.metadata().resourceVersion());
  }

  static JsonNode tree(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
