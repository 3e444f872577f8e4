package dev.troupe.core.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.json.Json;
import dev.troupe.core.kinds.ServiceKind;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.validation.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A Service's cluster IP and node ports, as the API server's allocators give them: a requested one
 * is honoured when free and in range, else refused naming the field; a missing one is picked at
 * random among the free ones. The cluster IP range lies in 127.0.0.0/8 by default (Linux routes all
 * of it to {@code lo}), so every service gets an address of its own without privileges. Pure: what
 * is taken is given.
 */
public final class ServiceAddresses {

  private ServiceAddresses() {}

  /** An IPv4 range in CIDR form, e.g. {@code 127.77.0.0/16}. */
  public record Range(String cidr, long first, long last) {

    /** The range {@code cidr} names; its network and broadcast addresses are not handed out. */
    public static Range parse(String cidr) {
      String[] parts = cidr.split("/");
      if (parts.length != 2) {
        throw new IllegalArgumentException(cidr + " is not a CIDR such as 127.77.0.0/16");
      }
      int bits = Integer.parseInt(parts[1]);
      if (bits < 8 || bits > 30) {
        throw new IllegalArgumentException(cidr + ": the prefix must be from /8 to /30");
      }
      long base = toLong(parts[0]) & (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
      long size = 1L << (32 - bits);
      return new Range(cidr, base + 1, base + size - 2);
    }

    boolean contains(long ip) {
      return ip >= first && ip <= last;
    }

    long size() {
      return last - first + 1;
    }
  }

  /** The service with its addresses filled in, or why they cannot be. */
  public record Allocated(KubeObject service, List<FieldError> errors) {

    public boolean isValid() {
      return errors.isEmpty();
    }
  }

  /**
   * Fills in {@code service}'s cluster IP (unless headless or ExternalName) and, for NodePort and
   * LoadBalancer services, each port's node port, given the addresses other services hold.
   */
  public static Allocated allocate(
      KubeObject service,
      Set<String> takenIps,
      Set<Integer> takenNodePorts,
      Range ips,
      int nodePortMin,
      int nodePortMax,
      RandomGenerator random) {
    ObjectNode json = service.json().deepCopy();
    ObjectNode spec = (ObjectNode) json.path("spec");
    String type = spec.path("type").asText(ServiceKind.CLUSTER_IP);
    List<FieldError> errors = new ArrayList<>();
    if (!type.equals(ServiceKind.EXTERNAL_NAME)) {
      String requested = spec.path("clusterIP").asText("");
      if (requested.isEmpty()) {
        String picked = pickIp(ips, takenIps, random);
        if (picked == null) {
          errors.add(
              FieldError.invalid("spec.clusterIPs", "[]", "failed to allocate IP: range is full"));
        } else {
          spec.put("clusterIP", picked);
          spec.set("clusterIPs", Json.mapper().createArrayNode().add(picked));
        }
      } else if (!requested.equals(ServiceKind.HEADLESS)) {
        String why = null;
        Long ip = parseIp(requested);
        if (ip == null || !ips.contains(ip)) {
          why =
              "failed to allocate IP %s: the provided IP (%s) is not in the valid range. The range of valid IPs is %s"
                  .formatted(requested, requested, ips.cidr());
        } else if (takenIps.contains(requested)) {
          why = "failed to allocate IP %s: provided IP is already allocated".formatted(requested);
        }
        if (why != null) {
          errors.add(FieldError.invalid("spec.clusterIPs", "[\"" + requested + "\"]", why));
        } else {
          spec.set("clusterIPs", Json.mapper().createArrayNode().add(requested));
        }
      }
    }
    if (type.equals(ServiceKind.NODE_PORT) || type.equals(ServiceKind.LOAD_BALANCER)) {
      java.util.Set<Integer> taken = new java.util.HashSet<>(takenNodePorts);
      JsonNode ports = spec.path("ports");
      for (int i = 0; i < ports.size(); i++) {
        ObjectNode port = (ObjectNode) ports.get(i);
        int requested = port.path("nodePort").asInt(0);
        if (requested == 0) {
          Integer picked = pickPort(nodePortMin, nodePortMax, taken, random);
          if (picked == null) {
            errors.add(
                FieldError.invalid(
                    "spec.ports[" + i + "].nodePort",
                    0,
                    "failed to allocate a port: range is full"));
          } else {
            port.put("nodePort", picked);
            taken.add(picked);
          }
        } else if (requested < nodePortMin || requested > nodePortMax) {
          errors.add(
              FieldError.invalid(
                  "spec.ports[" + i + "].nodePort",
                  requested,
                  "provided port is not in the valid range. The range of valid ports is %d-%d"
                      .formatted(nodePortMin, nodePortMax)));
        } else if (!taken.add(requested)) {
          errors.add(
              FieldError.invalid(
                  "spec.ports[" + i + "].nodePort",
                  requested,
                  "provided port is already allocated"));
        }
      }
    }
    return new Allocated(KubeObject.of(json), List.copyOf(errors));
  }

  /** The cluster IPs and node ports {@code services} hold. */
  public static Set<String> ipsOf(List<KubeObject> services) {
    Set<String> ips = new java.util.HashSet<>();
    for (KubeObject service : services) {
      String ip = service.at("/spec/clusterIP").asText("");
      if (!ip.isEmpty() && !ip.equals(ServiceKind.HEADLESS)) {
        ips.add(ip);
      }
    }
    return ips;
  }

  public static Set<Integer> nodePortsOf(List<KubeObject> services) {
    Set<Integer> ports = new java.util.HashSet<>();
    for (KubeObject service : services) {
      for (JsonNode port : service.at("/spec/ports")) {
        if (port.path("nodePort").asInt(0) > 0) {
          ports.add(port.path("nodePort").asInt());
        }
      }
    }
    return ports;
  }

  private static String pickIp(Range range, Set<String> taken, RandomGenerator random) {
    long size = range.size();
    long start = Math.floorMod(random.nextLong(), size);
    for (long i = 0; i < size; i++) {
      String candidate = toText(range.first() + (start + i) % size);
      if (!taken.contains(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static Integer pickPort(int min, int max, Set<Integer> taken, RandomGenerator random) {
    int size = max - min + 1;
    int start = random.nextInt(size);
    for (int i = 0; i < size; i++) {
      int candidate = min + (start + i) % size;
      if (!taken.contains(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  static Long parseIp(String text) {
    try {
      return toLong(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static long toLong(String dotted) {
    String[] octets = dotted.split("\\.");
    if (octets.length != 4) {
      throw new IllegalArgumentException(dotted + " is not an IPv4 address");
    }
    long value = 0;
    for (String octet : octets) {
      int n = Integer.parseInt(octet);
      if (n < 0 || n > 255) {
        throw new IllegalArgumentException(dotted + " is not an IPv4 address");
      }
      value = (value << 8) | n;
    }
    return value;
  }

  static String toText(long ip) {
    return ((ip >> 24) & 0xFF)
        + "."
        + ((ip >> 16) & 0xFF)
        + "."
        + ((ip >> 8) & 0xFF)
        + "."
        + (ip & 0xFF);
  }
}
