package katatool.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Runs the repository's Maven wrapper as a program (never through a shell), its output to a log file. */
public final class Maven {

    private Maven() {}

    /** Runs {@code mvnw} (or {@code mvnw.cmd}) with these arguments and returns its exit code. */
    public static int run(Repo repo, List<String> args, Path log, long timeoutMinutes) throws IOException, InterruptedException {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        Path wrapper = repo.root().resolve(windows ? "mvnw.cmd" : "mvnw");
        List<String> command = new ArrayList<>(List.of(wrapper.toString(), "-f", repo.root().resolve("pom.xml").toString()));
        command.addAll(args);
        java.nio.file.Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(repo.root().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // Maven on the JDK this tool runs on (25): it finds the same JDK through the toolchain anyway.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process maven;
        try {
            maven = builder.start();
        } catch (IOException e) {
            throw new KataException("Cannot start the Maven wrapper " + wrapper + ": " + e.getMessage());
        }
        try {
            if (!maven.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                throw new KataException("Maven took more than " + timeoutMinutes + " minutes and was stopped (log: " + log + ").");
            }
            return maven.exitValue();
        } finally {
            maven.descendants().forEach(ProcessHandle::destroyForcibly);
            maven.destroyForcibly();
        }
    }
}
