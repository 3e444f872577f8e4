package dev.troupe.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A plain HTTP/1.1 client for the API under test, on loopback. It asks for JSON, as kubectl does
 * with {@code -o json}, and sends a Content-Type only when a call names one: {@link HttpClient}
 * adds none of its own.
 */
final class ApiClient {

  static final String JSON = "application/json";
  static final String YAML = "application/yaml";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String base;

  ApiClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** A request: {@code contentType} null sends no Content-Type header, {@code body} null none. */
  record Call(String method, String path, String contentType, byte[] body) {

    static Call get(String path) {
      return new Call("GET", path, null, null);
    }

    static Call post(String path, String contentType, String body) {
      return new Call("POST", path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static Call put(String path, String body) {
      return new Call("PUT", path, JSON, body.getBytes(StandardCharsets.UTF_8));
    }

    static Call delete(String path) {
      return new Call("DELETE", path, null, null);
    }

    static Call delete(String path, String contentType, String body) {
      return new Call("DELETE", path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** An answer: status code, Content-Type header (empty when absent) and body text. */
  record Reply(int code, String contentType, String body, java.util.List<String> warnings) {

    Reply(int code, String contentType, String body) {
      this(code, contentType, body, java.util.List.of());
    }

    JsonNode json() {
      return parse(body);
    }
  }

  static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("not JSON: " + json, e);
    }
  }

  Reply get(String path) {
    return send(Call.get(path));
  }

  Reply post(String path, String body) {
    return send(Call.post(path, JSON, body));
  }

  Reply delete(String path) {
    return send(Call.delete(path));
  }

  /** An open watch: its status, Content-Type and a blocking queue of the lines it streams. */
  record Watch(
      int code,
      String contentType,
      java.util.concurrent.BlockingQueue<String> lines,
      java.util.concurrent.CompletableFuture<?> done) {

    /** The next line within {@code within}, or fails the test. */
    JsonNode next(Duration within) {
      try {
        String line = lines.poll(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        if (line == null) {
          throw new AssertionError("no watch event within " + within);
        }
        return parse(line);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** Opens a watch (GET {@code path}) whose lines arrive as they are streamed. */
  Watch watch(String path, String accept) {
    java.util.concurrent.BlockingQueue<String> lines =
        new java.util.concurrent.LinkedBlockingQueue<>();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).GET().build();
    try {
      HttpResponse<java.util.stream.Stream<String>> response =
          http.send(request, HttpResponse.BodyHandlers.ofLines());
      java.util.concurrent.CompletableFuture<?> done =
          java.util.concurrent.CompletableFuture.runAsync(
              () -> response.body().forEach(lines::add));
      return new Watch(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          lines,
          done);
    } catch (IOException e) {
      throw new UncheckedIOException("watch " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends {@code call} asking for JSON. */
  Reply send(Call call) {
    return send(call, JSON);
  }

  /** Sends {@code call} with this Accept header, or none when {@code accept} is null. */
  Reply send(Call call, String accept) {
    HttpRequest.BodyPublisher publisher =
        call.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(call.body());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + call.path()))
            .timeout(Duration.ofSeconds(20))
            .method(call.method(), publisher);
    if (accept != null) {
      request.header("Accept", accept);
    }
    if (call.contentType() != null) {
      request.header("Content-Type", call.contentType());
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body(),
          response.headers().allValues("Warning"));
    } catch (IOException e) {
      throw new UncheckedIOException(call + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(call + " interrupted", e);
    }
  }
}
