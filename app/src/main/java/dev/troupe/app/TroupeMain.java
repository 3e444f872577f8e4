package dev.troupe.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code troupe} command line. */
@Command(
    name = "troupe",
    mixinStandardHelpOptions = true,
    versionProvider = TroupeMain.Version.class,
    description = "An actor-based container orchestrator with a Kubernetes-compatible API.",
    subcommands = {ServerCommand.class, KubeconfigCommand.class})
public final class TroupeMain implements Runnable {

  public static void main(String[] args) {
    int code = new CommandLine(new TroupeMain()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** This build's version. */
  public static String version() {
    String v = TroupeMain.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"troupe " + version()};
    }
  }
}
