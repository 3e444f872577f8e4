package dev.troupe.core.kinds;

import static dev.troupe.core.kinds.KindFixtures.create;
import static dev.troupe.core.kinds.KindFixtures.messages;
import static dev.troupe.core.kinds.KindFixtures.stored;
import static dev.troupe.core.kinds.KindFixtures.tree;
import static dev.troupe.core.kinds.KindFixtures.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.troupe.core.model.KubeObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServiceKindTest {

  private static final ServiceKind KIND = ServiceKind.INSTANCE;

  /** A service named {@code name} with {@code spec}. */
  private static String service(String name, String spec) {
    return "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":" + spec + "}";
  }

  private static String service(String spec) {
    return service("web", spec);
  }

  static Stream<Arguments> defaults() {
    return Stream.of(
        arguments(
            "a plain service is a single-stack ClusterIP one whose ports target themselves",
            """
            {"selector":{"app":"web"},"ports":[{"port":80}]}
            """,
            """
            {"selector":{"app":"web"},"ports":[{"port":80,"protocol":"TCP","targetPort":80}],
             "sessionAffinity":"None","type":"ClusterIP","internalTrafficPolicy":"Cluster",
             "ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack"}
            """),
        arguments(
            "a named target port is kept",
            """
            {"ports":[{"port":80,"targetPort":"http","protocol":"UDP"}]}
            """,
            """
            {"ports":[{"port":80,"targetPort":"http","protocol":"UDP"}],
             "sessionAffinity":"None","type":"ClusterIP","internalTrafficPolicy":"Cluster",
             "ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack"}
            """),
        arguments(
            "client IP affinity lasts three hours unless told",
            """
            {"ports":[{"port":80,"targetPort":8080}],"sessionAffinity":"ClientIP"}
            """,
            """
            {"ports":[{"port":80,"targetPort":8080,"protocol":"TCP"}],"sessionAffinity":"ClientIP",
             "sessionAffinityConfig":{"clientIP":{"timeoutSeconds":10800}},
             "type":"ClusterIP","internalTrafficPolicy":"Cluster",
             "ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack"}
            """),
        arguments(
            "no affinity drops an affinity config",
            """
            {"ports":[{"port":80,"targetPort":80,"protocol":"TCP"}],
             "sessionAffinityConfig":{"clientIP":{"timeoutSeconds":60}}}
            """,
            """
            {"ports":[{"port":80,"targetPort":80,"protocol":"TCP"}],"sessionAffinity":"None",
             "type":"ClusterIP","internalTrafficPolicy":"Cluster",
             "ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack"}
            """),
        arguments(
            "a load balancer is reachable from outside through node ports",
            """
            {"type":"LoadBalancer","ports":[{"port":443,"targetPort":8443,"protocol":"TCP"}]}
            """,
            """
            {"type":"LoadBalancer","ports":[{"port":443,"targetPort":8443,"protocol":"TCP"}],
             "sessionAffinity":"None","externalTrafficPolicy":"Cluster",
             "internalTrafficPolicy":"Cluster","allocateLoadBalancerNodePorts":true,
             "ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack"}
            """),
        arguments(
            "a headless service lists None as its cluster IPs",
            """
            {"clusterIP":"None","selector":{"app":"db"}}
            """,
            """
            {"clusterIP":"None","clusterIPs":["None"],"selector":{"app":"db"},
             "sessionAffinity":"None","type":"ClusterIP","internalTrafficPolicy":"Cluster",
             "ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack"}
            """),
        arguments(
            "a headless service without a selector asks for every IP family",
            """
            {"clusterIP":"None"}
            """,
            """
            {"clusterIP":"None","clusterIPs":["None"],
             "sessionAffinity":"None","type":"ClusterIP","internalTrafficPolicy":"Cluster",
             "ipFamilies":["IPv4"],"ipFamilyPolicy":"RequireDualStack"}
            """),
        arguments(
            "an ExternalName service has neither traffic policies nor IP families",
            """
            {"type":"ExternalName","externalName":"db.example.com"}
            """,
            """
            {"type":"ExternalName","externalName":"db.example.com","sessionAffinity":"None"}
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("defaults")
  void kubernetesDefaultsAreFilledIn(String description, String sent, String expected) {
    KubeObject defaulted = KIND.withDefaults(KindFixtures.object(service(sent)));

    assertThat(defaulted.field("spec")).isEqualTo(tree(expected));
  }

  @Test
  void defaultingTwiceChangesNothingMore() {
    KubeObject once =
        KIND.withDefaults(KindFixtures.object(service("{\"ports\":[{\"port\":80}]}")));

    assertThat(KIND.withDefaults(once)).isEqualTo(once);
  }

  @Test
  void aServiceStartsWithAnEmptyLoadBalancerStatus() {
    KubeObject stored = stored(KIND, service("{\"ports\":[{\"port\":80}]}"));

    assertThat(stored.field("status")).isEqualTo(tree("{\"loadBalancer\":{}}"));
  }

  static Stream<Arguments> invalidServices() {
    return Stream.of(
        arguments(
            "a service without ports is refused unless headless",
            service("{\"selector\":{\"app\":\"web\"}}"),
            List.of("spec.ports: Required value")),
        arguments(
            "a name must start with a letter",
            service("1web", "{\"ports\":[{\"port\":80}]}"),
            List.of("metadata.name: Invalid value: \"1web\": " + ServiceKind.DNS1035_RULE)),
        arguments(
            "a port is between 1 and 65535",
            service("{\"ports\":[{\"port\":70000,\"targetPort\":8080}]}"),
            List.of(
                "spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535,"
                    + " inclusive")),
        arguments(
            "a port without a number targets nothing either",
            service("{\"ports\":[{\"name\":\"http\"}]}"),
            List.of(
                "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
                "spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535,"
                    + " inclusive")),
        arguments(
            "a protocol is TCP, UDP or SCTP",
            service("{\"ports\":[{\"port\":80,\"protocol\":\"HTTP\"}]}"),
            List.of(
                "spec.ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\","
                    + " \"TCP\", \"UDP\"")),
        arguments(
            "ports are named when there are several",
            service("{\"ports\":[{\"port\":80},{\"port\":443}]}"),
            List.of("spec.ports[0].name: Required value", "spec.ports[1].name: Required value")),
        arguments(
            "port names are unique",
            service(
                "{\"ports\":[{\"name\":\"http\",\"port\":80},{\"name\":\"http\",\"port\":8080}]}"),
            List.of("spec.ports[1].name: Duplicate value: \"http\"")),
        arguments(
            "a target port name is an IANA service name",
            service("{\"ports\":[{\"port\":80,\"targetPort\":\"web-frontend-http\"}]}"),
            List.of(
                "spec.ports[0].targetPort: Invalid value: \"web-frontend-http\": must be no more"
                    + " than 15 characters")),
        arguments(
            "the type is one Kubernetes knows",
            service("{\"type\":\"Internal\",\"ports\":[{\"port\":80}]}"),
            List.of(
                "spec.type: Unsupported value: \"Internal\": supported values: \"ClusterIP\","
                    + " \"ExternalName\", \"LoadBalancer\", \"NodePort\"")),
        arguments(
            "a node port is in the node-port range",
            service("{\"type\":\"NodePort\",\"ports\":[{\"port\":80,\"nodePort\":8080}]}"),
            List.of(
                "spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid"
                    + " range. The range of valid ports is 30000-32767")),
        arguments(
            "a ClusterIP service has no node ports",
            service("{\"ports\":[{\"port\":80,\"nodePort\":30080}]}"),
            List.of(
                "spec.ports[0].nodePort: Forbidden: may not be used when `type` is"
                    + " 'ClusterIP'")),
        arguments(
            "a node port serves one port per protocol",
            service(
                "{\"type\":\"NodePort\",\"ports\":[{\"name\":\"a\",\"port\":80,\"nodePort\":30080},"
                    + "{\"name\":\"b\",\"port\":81,\"nodePort\":30080}]}"),
            List.of("spec.ports[1].nodePort: Duplicate value: 30080")),
        arguments(
            "session affinity is None or ClientIP",
            service("{\"sessionAffinity\":\"Sticky\",\"ports\":[{\"port\":80}]}"),
            List.of(
                "spec.sessionAffinity: Unsupported value: \"Sticky\": supported values:"
                    + " \"ClientIP\", \"None\"")),
        arguments(
            "client IP affinity lasts at most a day",
            service(
                "{\"sessionAffinity\":\"ClientIP\",\"ports\":[{\"port\":80}],"
                    + "\"sessionAffinityConfig\":{\"clientIP\":{\"timeoutSeconds\":100000}}}"),
            List.of(
                "spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 100000: must"
                    + " be greater than 0 and less than 86400")),
        arguments(
            "an ExternalName service names a host",
            service("{\"type\":\"ExternalName\"}"),
            List.of("spec.externalName: Required value")),
        arguments(
            "selector labels are labels",
            service("{\"selector\":{\"app\":\"web site\"},\"ports\":[{\"port\":80}]}"),
            List.of(
                "spec.selector: Invalid value: \"web site\": a valid label must be an empty string"
                    + " or consist of alphanumeric characters, '-', '_' or '.', and must start and"
                    + " end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or"
                    + " '12345', regex used for validation is"
                    + " '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidServices")
  void eachMistakeIsReportedAtItsField(String description, String sent, List<String> expected) {
    assertThat(messages(create(KIND, sent).errors())).containsExactlyElementsOf(expected);
  }

  @Test
  void aHeadlessServiceNeedsNoPorts() {
    assertThat(create(KIND, service("{\"clusterIP\":\"None\"}")).errors()).isEmpty();
  }

  @Test
  void theClusterIpCannotChangeOnceSet() {
    KubeObject current =
        stored(KIND, service("{\"clusterIP\":\"10.96.0.10\",\"ports\":[{\"port\":80}]}"));

    ObjectAdmission.Admitted moved =
        update(KIND, current, service("{\"clusterIP\":\"10.96.0.11\",\"ports\":[{\"port\":80}]}"));
    ObjectAdmission.Admitted kept =
        update(KIND, current, service("{\"clusterIP\":\"10.96.0.10\",\"ports\":[{\"port\":81}]}"));

    assertThat(messages(moved.errors()))
        .containsExactly("spec.clusterIP: Invalid value: \"10.96.0.11\": field is immutable");
    assertThat(kept.errors()).isEmpty();
  }

  @Test
  void anUpdateThatNamesNoClusterIpKeepsTheAllocatedOne() {
    KubeObject current =
        stored(KIND, service("{\"clusterIP\":\"10.96.0.10\",\"ports\":[{\"port\":80}]}"));

    ObjectAdmission.Admitted updated =
        update(KIND, current, service("{\"ports\":[{\"port\":81}]}"));

    assertThat(updated.errors()).isEmpty();
    assertThat(updated.object().text("/spec/clusterIP")).isEqualTo("10.96.0.10");
    assertThat(updated.object().text("/spec/clusterIPs/0")).isEqualTo("10.96.0.10");
  }

  @Test
  void aServiceWithoutAClusterIpMayBeGivenOne() {
    KubeObject current = stored(KIND, service("{\"ports\":[{\"port\":80}]}"));

    ObjectAdmission.Admitted updated =
        update(KIND, current, service("{\"clusterIP\":\"10.96.0.12\",\"ports\":[{\"port\":80}]}"));

    assertThat(updated.errors()).isEmpty();
  }

  @Test
  void becomingAnExternalNameServiceGivesUpTheClusterIp() {
    KubeObject current =
        stored(KIND, service("{\"clusterIP\":\"10.96.0.10\",\"ports\":[{\"port\":80}]}"));

    ObjectAdmission.Admitted updated =
        update(
            KIND,
            current,
            service("{\"type\":\"ExternalName\",\"externalName\":\"db.example.com\"}"));

    assertThat(updated.errors()).isEmpty();
  }
}
