package dev.troupe.core.services;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.json.Json;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.Pod;

/** Services of namespace shop and the pods they select, for the endpoints controllers' tests. */
final class ServiceFixtures {

  private ServiceFixtures() {}

  static KubeObject service(String spec) {
    return KubeObject.of(
        (ObjectNode)
            json(
                """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"shop","uid":"uid-svc"},
                 "spec":%s}
                """
                    .formatted(spec)));
  }

  static final KubeObject WEB =
      service(
          """
          {"selector":{"app":"web"},"ports":[
            {"name":"http","port":80,"targetPort":8080,"protocol":"TCP"},
            {"name":"admin","port":9000,"targetPort":"admin","protocol":"TCP"}]}
          """);

  static Object json(String text) {
    try {
      return Json.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A pod of app {@code app}, on node-1, publishing 8080 and admin (9090) on these host ports. */
  static Pod pod(
      String name, String app, boolean ready, int httpHostPort, int adminHostPort, String extra) {
    try {
      return Json.mapper()
          .readValue(
              """
              {"metadata":{"name":"%s","namespace":"shop","uid":"uid-%s","labels":{"app":"%s"}%s},
               "spec":{"nodeName":"node-1","containers":[{"name":"c","image":"x","ports":[
                 {"containerPort":8080},{"name":"admin","containerPort":9090}]}]},
               "status":{"phase":"Running","podIP":"127.0.0.1",
                 "conditions":[{"type":"Ready","status":"%s"}],
                 "hostPorts":[
                   {"container":"c","containerPort":8080,"protocol":"TCP","hostIP":"127.0.0.1","hostPort":%d},
                   {"container":"c","containerPort":9090,"protocol":"TCP","hostIP":"127.0.0.1","hostPort":%d}]}}
              """
                  .formatted(
                      name,
                      name,
                      app,
                      extra,
                      ready ? "True" : "False",
                      httpHostPort,
                      adminHostPort),
              Pod.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
