package dev.troupe.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The pods the API tests send, the paths they send them to, and readers for what comes back. */
final class TestPods {

  private static final int MAX_BODY_BYTES = 3 * 1024 * 1024;

  private TestPods() {}

  static String pods(String namespace) {
    return "/api/v1/namespaces/" + namespace + "/pods";
  }

  static String pod(String namespace, String name) {
    return pods(namespace) + "/" + name;
  }

  static String podJson(String name) {
    return """
        {"apiVersion": "v1", "kind": "Pod",
         "metadata": {"name": "%s", "labels": {"app": "hello"}},
         "spec": {"containers": [{"name": "hello", "image": "troupe/hello:1",
                                  "ports": [{"containerPort": 8080}]}]}}
        """
        .formatted(name);
  }

  static String podYaml(String name) {
    return """
        apiVersion: v1
        kind: Pod
        metadata:
          name: %s
          labels:
            app: hello
        spec:
          containers:
          - name: hello
            image: troupe/hello:1
            ports:
            - containerPort: 8080
        """
        .formatted(name);
  }

  /** A well-formed pod, padded by one annotation to one byte over the limit. */
  static byte[] oversizedPod() {
    String head = "{\"metadata\": {\"name\": \"huge\", \"annotations\": {\"pad\": \"";
    String tail =
        "\"}}, \"spec\": {\"containers\": [{\"name\": \"app\", \"image\": \"troupe/hello:1\"}]}}";
    byte[] body = new byte[MAX_BODY_BYTES + 1];
    Arrays.fill(body, (byte) 'x');
    System.arraycopy(head.getBytes(StandardCharsets.UTF_8), 0, body, 0, head.length());
    byte[] end = tail.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(end, 0, body, body.length - end.length, end.length);
    return body;
  }

  /** An object's {@code metadata.resourceVersion}. */
  static String rv(JsonNode object) {
    return object.at("/metadata/resourceVersion").asText();
  }

  /** A list's items. */
  static List<JsonNode> items(JsonNode list) {
    List<JsonNode> items = new ArrayList<>();
    list.path("items").forEach(items::add);
    return items;
  }

  /** The uids of a list's items, in order. */
  static List<String> uids(JsonNode list) {
    return items(list).stream().map(i -> i.at("/metadata/uid").asText()).toList();
  }
}
