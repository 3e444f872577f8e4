package dev.troupe.core.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** A core/v1 Endpoints: the addresses and ports that implement a Service. */
@JsonPropertyOrder({"kind", "apiVersion", "metadata", "subsets"})
public record Endpoints(
    String apiVersion, String kind, ObjectMeta metadata, List<EndpointSubset> subsets) {}
