package dev.troupe.http.discovery;

import dev.troupe.core.api.ResourceType;
import dev.troupe.core.api.ResourceType.Subresource;
import dev.troupe.core.api.ResourceTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The discovery documents of the served kinds, aggregated ({@code apidiscovery.k8s.io/v2}) and
 * legacy ({@code APIVersions}, {@code APIGroupList}, {@code APIGroup}, {@code APIResourceList}).
 *
 * <p>Pure: every document is computed from {@link #types()}; the records serialize to Kubernetes'
 * JSON through {@link dev.troupe.core.json.Json}, whose null-skipping leaves out the optional
 * fields set to null here.
 */
public record DiscoveryDocuments(List<ResourceType> types) {

  /** The kinds Troupe serves. */
  public static DiscoveryDocuments served() {
    return new DiscoveryDocuments(ResourceTypes.ALL);
  }

  // --- Aggregated discovery (apidiscovery.k8s.io/v2) ---------------------------------------------

  /** {@code APIGroupDiscoveryList}: what {@code /api} or {@code /apis} answers kubectl. */
  public record AggregatedList(
      String kind, String apiVersion, Map<String, Object> metadata, List<GroupDiscovery> items) {}

  /** One group and its versions; the core group's metadata is empty, it has no name. */
  public record GroupDiscovery(Map<String, Object> metadata, List<VersionDiscovery> versions) {}

  /** One version of a group; {@code freshness} "Current" tells the client the list is whole. */
  public record VersionDiscovery(
      String version, List<ResourceDiscovery> resources, String freshness) {}

  /** One kind; shortNames, categories and subresources are left out when there are none. */
  public record ResourceDiscovery(
      String resource,
      GroupVersionKind responseKind,
      String scope,
      String singularResource,
      List<String> shortNames,
      List<String> categories,
      List<String> verbs,
      List<SubresourceDiscovery> subresources) {}

  /** A subresource and the kind it answers in ({@code scale} answers autoscaling/v1 Scale). */
  public record SubresourceDiscovery(
      String subresource, GroupVersionKind responseKind, List<String> verbs) {}

  /** A group, version and kind; the core group is "". */
  public record GroupVersionKind(String group, String version, String kind) {}

  /** {@code /api} aggregated: the core group alone. */
  public AggregatedList aggregatedCore() {
    return aggregated(groupNames().stream().filter(String::isEmpty).toList());
  }

  /** {@code /apis} aggregated: every named group. */
  public AggregatedList aggregatedGroups() {
    return aggregated(groupNames().stream().filter(g -> !g.isEmpty()).toList());
  }

  private AggregatedList aggregated(List<String> groups) {
    List<GroupDiscovery> items = groups.stream().map(this::groupDiscovery).toList();
    return new AggregatedList("APIGroupDiscoveryList", "apidiscovery.k8s.io/v2", Map.of(), items);
  }

  private GroupDiscovery groupDiscovery(String group) {
    List<VersionDiscovery> versions =
        versionsOf(group).stream()
            .map(
                version ->
                    new VersionDiscovery(
                        version,
                        inGroupVersion(group, version).stream()
                            .map(DiscoveryDocuments::resourceDiscovery)
                            .toList(),
                        "Current"))
            .toList();
    return new GroupDiscovery(group.isEmpty() ? Map.of() : Map.of("name", group), versions);
  }

  private static ResourceDiscovery resourceDiscovery(ResourceType type) {
    return new ResourceDiscovery(
        type.plural(),
        new GroupVersionKind(type.group(), type.version(), type.kind()),
        type.namespaced() ? "Namespaced" : "Cluster",
        type.singular(),
        nullIfEmpty(type.shortNames()),
        nullIfEmpty(type.categories()),
        type.verbs(),
        nullIfEmpty(
            type.subresources().stream()
                .map(
                    s ->
                        new SubresourceDiscovery(
                            s.name(),
                            new GroupVersionKind(s.group(), s.version(), s.kind()),
                            s.verbs()))
                .toList()));
  }

  // --- Legacy discovery --------------------------------------------------------------------------

  /** {@code /api}: the core versions and where clients reach the server. */
  public record ApiVersions(
      String kind, List<String> versions, List<ServerAddress> serverAddressByClientCIDRs) {}

  /** Every client, whatever its address, reaches the server at {@code serverAddress}. */
  public record ServerAddress(String clientCIDR, String serverAddress) {}

  /** {@code /apis}: every named group. */
  public record ApiGroupList(String kind, String apiVersion, List<ApiGroup> groups) {}

  /** {@code /apis/apps}: a group, its versions and the one clients should prefer. */
  public record ApiGroup(
      String kind,
      String apiVersion,
      String name,
      List<GroupVersion> versions,
      GroupVersion preferredVersion) {}

  /** {@code apps/v1} and its version {@code v1}. */
  public record GroupVersion(String groupVersion, String version) {}

  /** {@code /api/v1} or {@code /apis/apps/v1}: the kinds and subresources of a group version. */
  public record ApiResourceList(
      String kind, String apiVersion, String groupVersion, List<ApiResource> resources) {}

  /**
   * A kind ({@code pods}) or a subresource ({@code pods/status}). Group and version are set only
   * when a subresource answers in another group version ({@code deployments/scale}).
   */
  public record ApiResource(
      String name,
      String singularName,
      boolean namespaced,
      String group,
      String version,
      String kind,
      List<String> verbs,
      List<String> shortNames,
      List<String> categories) {}

  /** {@code /api} legacy; {@code serverAddress} is the host and port the client used. */
  public ApiVersions coreVersions(String serverAddress) {
    return new ApiVersions(
        "APIVersions", versionsOf(""), List.of(new ServerAddress("0.0.0.0/0", serverAddress)));
  }

  /** {@code /apis} legacy. */
  public ApiGroupList groups() {
    List<ApiGroup> groups =
        groupNames().stream()
            .filter(g -> !g.isEmpty())
            .map(this::group)
            .flatMap(Optional::stream)
            // Inside the list a group carries no kind or apiVersion, as in Kubernetes.
            .map(g -> new ApiGroup(null, null, g.name(), g.versions(), g.preferredVersion()))
            .toList();
    return new ApiGroupList("APIGroupList", "v1", groups);
  }

  /** {@code /apis/<group>} legacy, or empty when no kind is served in that group. */
  public Optional<ApiGroup> group(String name) {
    List<GroupVersion> versions =
        versionsOf(name).stream()
            .map(version -> new GroupVersion(name + "/" + version, version))
            .toList();
    if (name.isEmpty() || versions.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ApiGroup("APIGroup", "v1", name, versions, versions.get(0)));
  }

  /** The kinds of a group version ("" for the core group), or empty when it is not served. */
  public Optional<ApiResourceList> resources(String group, String version) {
    List<ApiResource> resources = new ArrayList<>();
    inGroupVersion(group, version)
        .forEach(
            type -> {
              resources.add(
                  new ApiResource(
                      type.plural(),
                      type.singular(),
                      type.namespaced(),
                      null,
                      null,
                      type.kind(),
                      type.verbs(),
                      nullIfEmpty(type.shortNames()),
                      nullIfEmpty(type.categories())));
              type.subresources().forEach(s -> resources.add(subresource(type, s)));
            });
    if (resources.isEmpty()) {
      return Optional.empty();
    }
    String groupVersion = group.isEmpty() ? version : group + "/" + version;
    return Optional.of(new ApiResourceList("APIResourceList", "v1", groupVersion, resources));
  }

  private static ApiResource subresource(ResourceType type, Subresource sub) {
    boolean elsewhere = !sub.group().equals(type.group()) || !sub.version().equals(type.version());
    // Kubernetes leaves singularName empty for subresources, and so do we.
    return new ApiResource(
        type.plural() + "/" + sub.name(),
        "",
        type.namespaced(),
        elsewhere ? sub.group() : null,
        elsewhere ? sub.version() : null,
        sub.kind(),
        sub.verbs(),
        null,
        null);
  }

  // --- Helpers -----------------------------------------------------------------------------------

  /** The groups served, in the order of {@link #types()}; the core group is "". */
  public List<String> groupNames() {
    return types.stream().map(ResourceType::group).distinct().toList();
  }

  /** The versions of a group, preferred first (the order of {@link #types()}). */
  public List<String> versionsOf(String group) {
    return types.stream()
        .filter(t -> t.group().equals(group))
        .map(ResourceType::version)
        .distinct()
        .toList();
  }

  /** The kinds of one group version, in the order of {@link #types()}. */
  public List<ResourceType> inGroupVersion(String group, String version) {
    return types.stream()
        .filter(t -> t.group().equals(group) && t.version().equals(version))
        .toList();
  }

  private static <T> List<T> nullIfEmpty(List<T> list) {
    return list == null || list.isEmpty() ? null : list;
  }
}
