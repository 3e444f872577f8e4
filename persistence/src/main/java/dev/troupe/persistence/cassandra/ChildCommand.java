package dev.troupe.persistence.cassandra;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;

/** The child JVM's command line: the JVM flags Cassandra needs, its settings, CassandraMain. */
final class ChildCommand {

  /**
   * The JDK module flags of Cassandra's {@code conf/jvm17-server.options}: Cassandra reaches into
   * JDK internals (unsafe memory, RMI for JMX, attach for jamm) and fails without them.
   */
  static final List<String> JVM_MODULE_FLAGS =
      List.of(
          "-Djdk.attach.allowAttachSelf=true",
          "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
          "--add-exports=java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.server=ALL-UNNAMED",
          "--add-exports=java.sql/java.sql=ALL-UNNAMED",
          "--add-exports=java.base/java.lang.ref=ALL-UNNAMED",
          "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
          "--add-exports=jdk.attach/sun.tools.attach=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.module=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.loader=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.reflect=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.math=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.module=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.util.jar=ALL-UNNAMED",
          "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED");

  private ChildCommand() {}

  /** The child's command line; apart from the launch, so tests can check it without launching. */
  static List<String> of(
      EmbeddedCassandra.Options options, CassandraFiles files, Path java, Path launcherClassPath) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-Xms" + options.heap());
    command.add("-Xmx" + options.heap());
    command.add("-Xss256k");
    command.add("-XX:+UseG1GC");
    command.add("-XX:+ParallelRefProcEnabled");
    // A JVM out of heap is in an unknown state; dying lets the supervisor start a clean one.
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.addAll(JVM_MODULE_FLAGS);
    command.add("-Dio.netty.tryReflectionSetAccessible=true");
    command.add("-Dio.netty.allocator.useCacheForAllThreads=true");
    command.add("-Dio.netty.allocator.maxOrder=11");
    command.add("-Djava.net.preferIPv4Stack=true");
    command.add("-Dcassandra.config=" + files.yamlFile().toUri());
    // Without it Cassandra closes stdout and stderr, and its log would be lost.
    command.add("-Dcassandra-foreground=yes");
    command.add(storageDirFlag(options.dataDir()));
    command.add("-Dcassandra.logdir=" + files.logFile().getParent());
    // Cassandra warns every minute about a missing triggers directory.
    command.add("-Dcassandra.triggers_dir=" + files.triggersDir());
    command.add("-Dcassandra.jmx.local.port=" + options.jmxPort());
    // A single node has nobody to gossip with or wait for.
    command.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
    command.add("-Dcassandra.superuser_setup_delay_ms=0");
    command.add("-Dlogback.configurationFile=" + files.logbackFile());
    command.add("-cp");
    command.add(options.libDir().resolve("*") + File.pathSeparator + launcherClassPath);
    command.add(CassandraMain.class.getName());
    return command;
  }

  /** Appears verbatim on the child's command line, so a stale child can be recognised as ours. */
  static String storageDirFlag(Path dataDir) {
    return "-Dcassandra.storagedir=" + dataDir;
  }

  /** The jar or class directory holding CassandraMain, the child's only non-Cassandra class. */
  static Path launcherClassPath() {
    CodeSource source = CassandraMain.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      throw new IllegalStateException(
          "Cannot tell where " + CassandraMain.class + " is loaded from");
    }
    try {
      return Path.of(source.getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Cannot use " + source.getLocation() + " as a class path", e);
    }
  }
}
