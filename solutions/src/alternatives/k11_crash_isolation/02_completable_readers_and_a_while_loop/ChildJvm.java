package k11_crash_isolation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * Runs a Java program in a child JVM and reports how it ended (an alternative to the reference).
 */
public final class ChildJvm {

    private ChildJvm() {}

    public static ChildResult run(Class<?> mainClass, List<String> args, Duration timeout)
            throws IOException, InterruptedException, TimeoutException {
        Objects.requireNonNull(mainClass, "mainClass");
        for (String arg : Objects.requireNonNull(args, "args")) {
            Objects.requireNonNull(arg, "an argument");
        }
        if (!Objects.requireNonNull(timeout, "timeout").isPositive()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dstdout.encoding=UTF-8");
        command.add("-Dstderr.encoding=UTF-8");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        Process child = new ProcessBuilder(command).start();
        try {
            child.getOutputStream().close();
            CompletableFuture<String> out = drain(child.getInputStream());
            CompletableFuture<String> err = drain(child.getErrorStream());
            if (!child.waitFor(timeout)) {
                throw new TimeoutException(mainClass.getName() + " outlived " + timeout + " and was killed");
            }
            return new ChildResult(child.exitValue(), out.join(), err.join());
        } catch (CompletionException e) {
            throw new IOException("could not read the child's output", e.getCause());
        } finally {
            child.destroyForcibly();
            child.onExit().join();
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread.ofPlatform().daemon(true).name("child-output").start(() -> {
            try (stream) {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.completeExceptionally(new UncheckedIOException(e));
            }
        });
        return text;
    }
}
