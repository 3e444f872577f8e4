package dev.troupe.core.model.discovery;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.troupe.core.model.ObjectMeta;
import java.util.List;

/**
 * A discovery.k8s.io/v1 EndpointSlice: some of the endpoints of a service, all with the same ports.
 * The types of this package are discovery.k8s.io's, named as Kubernetes names them there ({@code
 * io.k8s.api.discovery.v1.Endpoint}).
 */
@JsonPropertyOrder({"kind", "apiVersion", "metadata", "addressType", "endpoints", "ports"})
public record EndpointSlice(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    String addressType,
    List<Endpoint> endpoints,
    List<EndpointPort> ports) {}
