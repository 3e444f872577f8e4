package dev.troupe.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints a kubeconfig that points kubectl at a local troupe server. */
@Command(name = "kubeconfig", description = "Print a kubeconfig for this server.")
final class KubeconfigCommand implements Callable<Integer> {

  @Option(names = "--api-port", defaultValue = "8080", description = "The API port (default 8080).")
  int apiPort;

  @Override
  public Integer call() {
    System.out.print(kubeconfig(apiPort));
    return 0;
  }

  static String kubeconfig(int apiPort) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: troupe
          cluster:
            server: http://127.0.0.1:%d
        contexts:
        - name: troupe
          context:
            cluster: troupe
            user: troupe
            namespace: default
        current-context: troupe
        users:
        - name: troupe
          user: {}
        """
        .formatted(apiPort);
  }
}
