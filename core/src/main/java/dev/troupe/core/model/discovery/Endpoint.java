package dev.troupe.core.model.discovery;

import dev.troupe.core.model.ObjectReference;
import java.util.List;
import java.util.Map;

/** One endpoint of a slice: its addresses, its conditions and the object (a pod) behind it. */
public record Endpoint(
    List<String> addresses,
    EndpointConditions conditions,
    String hostname,
    ObjectReference targetRef,
    Map<String, String> deprecatedTopology,
    String nodeName,
    String zone,
    EndpointHints hints) {}
