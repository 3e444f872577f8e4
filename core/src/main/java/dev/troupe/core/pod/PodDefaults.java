package dev.troupe.core.pod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.model.Container;
import dev.troupe.core.model.ContainerBuilder;
import dev.troupe.core.model.ContainerPort;
import dev.troupe.core.model.EnvVar;
import dev.troupe.core.model.EnvVarSource;
import dev.troupe.core.model.GRPCAction;
import dev.troupe.core.model.HTTPGetAction;
import dev.troupe.core.model.Lifecycle;
import dev.troupe.core.model.LifecycleHandler;
import dev.troupe.core.model.ObjectFieldSelector;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodSpec;
import dev.troupe.core.model.PodSpecBuilder;
import dev.troupe.core.model.Probe;
import dev.troupe.core.model.Quantity;
import dev.troupe.core.model.ResourceRequirements;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Kubernetes' defaults for a pod, applied before validation as the API server does: those of {@code
 * SetObjectDefaults_Pod} (1.32) that a client sees in what it reads back, so that {@code kubectl
 * apply} and {@code diff} find what they would find on Kubernetes. Defaulting twice changes nothing
 * more; an empty text counts as absent, as it does in Go.
 */
public final class PodDefaults {

  public static final long DEFAULT_GRACE_PERIOD_SECONDS = 30;
  public static final String DEFAULT_PROTOCOL = "TCP";
  public static final int PROBE_TIMEOUT_SECONDS = 1;
  public static final int PROBE_PERIOD_SECONDS = 10;
  public static final int PROBE_SUCCESS_THRESHOLD = 1;
  public static final int PROBE_FAILURE_THRESHOLD = 3;

  /** The mode of files of secret, configMap, downwardAPI and projected volumes: 0644. */
  public static final int VOLUME_DEFAULT_MODE = 0644;

  /** The lifetime of a projected service account token: an hour. */
  public static final long TOKEN_EXPIRATION_SECONDS = 3600;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PodDefaults() {}

  public static Pod apply(Pod pod) {
    PodSpec spec = pod.spec();
    if (spec == null) {
      return pod;
    }
    return pod.withSpec(spec(spec));
  }

  /** {@code SetDefaults_PodSpec}, the pod-only {@code SetDefaults_Pod}, and every part's own. */
  private static PodSpec spec(PodSpec spec) {
    boolean hostNetwork = Boolean.TRUE.equals(spec.hostNetwork());
    PodSpecBuilder defaulted = spec.toBuilder();
    if (spec.volumes() != null) {
      defaulted.volumes(each(spec.volumes(), PodDefaults::volume));
    }
    if (spec.initContainers() != null) {
      defaulted.initContainers(each(spec.initContainers(), c -> container(c, hostNetwork)));
    }
    if (spec.containers() != null) {
      defaulted.containers(each(spec.containers(), c -> container(c, hostNetwork)));
    }
    if (isAbsent(spec.restartPolicy())) {
      defaulted.restartPolicy(PodSpec.RESTART_ALWAYS);
    }
    if (spec.terminationGracePeriodSeconds() == null) {
      defaulted.terminationGracePeriodSeconds(DEFAULT_GRACE_PERIOD_SECONDS);
    }
    if (isAbsent(spec.dnsPolicy())) {
      defaulted.dnsPolicy(PodSpec.DNS_CLUSTER_FIRST);
    }
    if (spec.securityContext() == null) {
      defaulted.securityContext(NODES.objectNode());
    }
    if (isAbsent(spec.schedulerName())) {
      defaulted.schedulerName(PodSpec.DEFAULT_SCHEDULER);
    }
    if (spec.enableServiceLinks() == null) {
      defaulted.enableServiceLinks(true);
    }
    return defaulted.build();
  }

  /** {@code SetDefaults_Container} and the defaults of its ports, env, resources and probes. */
  private static Container container(Container c, boolean hostNetwork) {
    if (c == null) {
      return null;
    }
    ContainerBuilder defaulted = c.toBuilder();
    if (isAbsent(c.imagePullPolicy())) {
      defaulted.imagePullPolicy(defaultPullPolicy(c.image()));
    }
    if (isAbsent(c.terminationMessagePath())) {
      defaulted.terminationMessagePath(Container.TERMINATION_MESSAGE_PATH);
    }
    if (isAbsent(c.terminationMessagePolicy())) {
      defaulted.terminationMessagePolicy(Container.TERMINATION_MESSAGE_FILE);
    }
    if (c.ports() != null) {
      defaulted.ports(each(c.ports(), p -> port(p, hostNetwork)));
    }
    if (c.env() != null) {
      defaulted.env(each(c.env(), PodDefaults::envVar));
    }
    return defaulted
        .resources(resources(c.resources()))
        .livenessProbe(probe(c.livenessProbe()))
        .readinessProbe(probe(c.readinessProbe()))
        .startupProbe(probe(c.startupProbe()))
        .lifecycle(lifecycle(c.lifecycle()))
        .build();
  }

  private static ContainerPort port(ContainerPort p, boolean hostNetwork) {
    if (p == null) {
      return null;
    }
    ContainerPort defaulted = isAbsent(p.protocol()) ? p.withProtocol(DEFAULT_PROTOCOL) : p;
    if (hostNetwork && (p.hostPort() == null || p.hostPort() == 0)) {
      // with host networking a container port is a port of the node
      defaulted = defaulted.withHostPort(p.containerPort());
    }
    return defaulted;
  }

  /**
   * Always written, as Kubernetes writes {@code resources: {}}; a limit without a request asks for
   * as much as it limits (a pod's default, not a template's). A limit that is not a quantity is not
   * copied: Kubernetes refuses it while decoding, so it is reported once, at the limit.
   */
  private static ResourceRequirements resources(ResourceRequirements r) {
    if (r == null) {
      return ResourceRequirements.none();
    }
    if (r.limits() == null || r.limits().isEmpty()) {
      return r;
    }
    Map<String, String> requests = r.requests() == null ? Map.of() : r.requests();
    Map<String, String> filled = new LinkedHashMap<>(requests);
    r.limits()
        .forEach(
            (resource, limit) -> {
              if (Quantity.parse(limit).isPresent()) {
                filled.putIfAbsent(resource, limit);
              }
            });
    return filled.equals(requests) ? r : r.withRequests(filled);
  }

  private static EnvVar envVar(EnvVar e) {
    if (e == null || e.valueFrom() == null || e.valueFrom().fieldRef() == null) {
      return e;
    }
    ObjectFieldSelector ref = e.valueFrom().fieldRef();
    if (!isAbsent(ref.apiVersion())) {
      return e;
    }
    EnvVarSource from = e.valueFrom().withFieldRef(new ObjectFieldSelector("v1", ref.fieldPath()));
    return e.withValueFrom(from);
  }

  /** {@code SetDefaults_Probe}: a zero counts as unset, as in Go. */
  private static Probe probe(Probe p) {
    if (p == null) {
      return null;
    }
    GRPCAction grpc = p.grpc();
    if (grpc != null && grpc.service() == null) {
      grpc = new GRPCAction(grpc.port(), "");
    }
    return p.withHandlers(p.exec(), httpGet(p.httpGet()), p.tcpSocket(), grpc)
        .withTimings(
            positiveOr(p.timeoutSeconds(), PROBE_TIMEOUT_SECONDS),
            positiveOr(p.periodSeconds(), PROBE_PERIOD_SECONDS),
            positiveOr(p.successThreshold(), PROBE_SUCCESS_THRESHOLD),
            positiveOr(p.failureThreshold(), PROBE_FAILURE_THRESHOLD));
  }

  private static Lifecycle lifecycle(Lifecycle l) {
    if (l == null) {
      return null;
    }
    return new Lifecycle(handler(l.postStart()), handler(l.preStop()));
  }

  private static LifecycleHandler handler(LifecycleHandler h) {
    return h == null ? null : h.withHttpGet(httpGet(h.httpGet()));
  }

  /** {@code SetDefaults_HTTPGetAction}: path {@code /}, scheme {@code HTTP}. */
  private static HTTPGetAction httpGet(HTTPGetAction get) {
    if (get == null) {
      return null;
    }
    return get.withPathAndScheme(
        isAbsent(get.path()) ? "/" : get.path(),
        isAbsent(get.scheme()) ? HTTPGetAction.SCHEME_HTTP : get.scheme());
  }

  /**
   * {@code SetDefaults_Volume} and the defaults of its source: a volume without a source is an
   * {@code emptyDir}; file modes, token lifetimes and the rest as Kubernetes fills them in. The
   * tree sent is not changed; a defaulted copy is returned.
   */
  private static JsonNode volume(JsonNode volume) {
    if (!(volume instanceof ObjectNode sent)) {
      return volume;
    }
    ObjectNode v = sent.deepCopy();
    boolean hasSource = false;
    for (Map.Entry<String, JsonNode> field : v.properties()) {
      hasSource |= !field.getKey().equals("name") && !field.getValue().isNull();
    }
    if (!hasSource) {
      v.putObject("emptyDir");
    }
    source(v, "hostPath").ifPresent(s -> defaultIfNull(s, "type", NODES.textNode("")));
    source(v, "secret")
        .ifPresent(s -> defaultIfNull(s, "defaultMode", NODES.numberNode(VOLUME_DEFAULT_MODE)));
    source(v, "configMap")
        .ifPresent(s -> defaultIfNull(s, "defaultMode", NODES.numberNode(VOLUME_DEFAULT_MODE)));
    source(v, "downwardAPI")
        .ifPresent(
            s -> {
              defaultIfNull(s, "defaultMode", NODES.numberNode(VOLUME_DEFAULT_MODE));
              downwardApiItems(s);
            });
    source(v, "projected")
        .ifPresent(
            s -> {
              defaultIfNull(s, "defaultMode", NODES.numberNode(VOLUME_DEFAULT_MODE));
              for (JsonNode projection : s.path("sources")) {
                source(projection, "downwardAPI").ifPresent(PodDefaults::downwardApiItems);
                source(projection, "serviceAccountToken")
                    .ifPresent(
                        t ->
                            defaultIfNull(
                                t,
                                "expirationSeconds",
                                NODES.numberNode(TOKEN_EXPIRATION_SECONDS)));
              }
            });
    source(v, "iscsi").ifPresent(s -> defaultIfEmpty(s, "iscsiInterface", "default"));
    source(v, "rbd")
        .ifPresent(
            s -> {
              defaultIfEmpty(s, "pool", "rbd");
              defaultIfEmpty(s, "user", "admin");
              defaultIfEmpty(s, "keyring", "/etc/ceph/keyring");
            });
    source(v, "azureDisk")
        .ifPresent(
            s -> {
              defaultIfNull(s, "cachingMode", NODES.textNode("ReadWrite"));
              defaultIfNull(s, "fsType", NODES.textNode("ext4"));
              defaultIfNull(s, "readOnly", NODES.booleanNode(false));
              defaultIfNull(s, "kind", NODES.textNode("Shared"));
            });
    source(v, "scaleIO")
        .ifPresent(
            s -> {
              defaultIfEmpty(s, "storageMode", "ThinProvisioned");
              defaultIfEmpty(s, "fsType", "xfs");
            });
    source(v, "ephemeral")
        .flatMap(s -> source(s, "volumeClaimTemplate"))
        .flatMap(t -> source(t, "spec"))
        .ifPresent(s -> defaultIfNull(s, "volumeMode", NODES.textNode("Filesystem")));
    return v;
  }

  private static void downwardApiItems(ObjectNode source) {
    for (JsonNode item : source.path("items")) {
      source(item, "fieldRef").ifPresent(ref -> defaultIfEmpty(ref, "apiVersion", "v1"));
    }
  }

  private static Optional<ObjectNode> source(JsonNode parent, String field) {
    return parent.get(field) instanceof ObjectNode child ? Optional.of(child) : Optional.empty();
  }

  /** Sets a field Go holds by pointer: when it is missing or null. */
  private static void defaultIfNull(ObjectNode node, String field, JsonNode value) {
    if (!node.hasNonNull(field)) {
      node.set(field, value);
    }
  }

  /** Sets a text field Go holds by value: when it is missing, null or empty. */
  private static void defaultIfEmpty(ObjectNode node, String field, String value) {
    if (node.path(field).asText("").isEmpty()) {
      node.put(field, value);
    }
  }

  private static <T> List<T> each(List<T> items, UnaryOperator<T> defaults) {
    return items.stream().map(defaults).toList();
  }

  private static boolean isAbsent(String text) {
    return text == null || text.isEmpty();
  }

  private static Integer positiveOr(Integer value, int otherwise) {
    return value == null || value == 0 ? otherwise : value;
  }

  /** {@code Always} for {@code :latest} or no tag, otherwise {@code IfNotPresent}. */
  public static String defaultPullPolicy(String image) {
    if (image == null || image.contains("@")) {
      return Container.PULL_IF_NOT_PRESENT;
    }
    int lastSlash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    boolean tagged = colon > lastSlash;
    String tag = tagged ? image.substring(colon + 1) : "";
    return !tagged || tag.equals("latest") ? Container.PULL_ALWAYS : Container.PULL_IF_NOT_PRESENT;
  }
}
