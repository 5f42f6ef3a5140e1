package k03_subprocess;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a Java program as a child process, with its standard streams redirected to and from
 * temporary files instead of pipes: a file never fills up, so no thread has to read while the
 * child runs. Every method returns or throws only once the child has ended and been reaped.
 */
public final class Subprocess {

    private Subprocess() {}

    /**
     * Runs {@code mainClass} with an empty stdin and its output discarded, and returns its exit code.
     *
     * @throws NullPointerException if any argument is null
     * @throws IOException if the child cannot be started
     * @throws InterruptedException if interrupted while waiting; the child is killed and reaped first
     */
    public static int call(Class<?> mainClass, String... args) throws IOException, InterruptedException {
        List<String> command = command(StandardCharsets.UTF_8, mainClass, args);
        Process child = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(nullFile()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            return child.waitFor();
        } finally {
            kill(child);
        }
    }

    /**
     * Runs {@code mainClass} and returns its stdout decoded with {@code charset}.
     *
     * @throws NullPointerException if any argument is null
     * @throws IOException if the child cannot be started or its output cannot be read
     * @throws InterruptedException if interrupted while waiting; the child is killed and reaped first
     */
    public static String output(Charset charset, Class<?> mainClass, String... args)
            throws IOException, InterruptedException {
        Objects.requireNonNull(charset, "charset");
        List<String> command = command(charset, mainClass, args);
        Path out = Files.createTempFile("subprocess-", ".out");
        try {
            Process child = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(nullFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try {
                child.waitFor();
            } finally {
                kill(child);
            }
            return Files.readString(out, charset);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /**
     * Runs {@code mainClass} with {@code input} on its stdin, and returns its exit code, stdout
     * and stderr.
     *
     * @throws NullPointerException if any argument is null
     * @throws IOException if the child cannot be started or its output cannot be read
     * @throws InterruptedException if interrupted while waiting; the child is killed and reaped first
     */
    public static Completed communicate(Charset charset, String input, Class<?> mainClass, String... args)
            throws IOException, InterruptedException {
        try {
            return exchange(charset, input, null, mainClass, args);
        } catch (TimeoutException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * Like {@link #communicate(Charset, String, Class, String...)}, but kills the child and throws
     * if it has not ended within {@code timeout}.
     *
     * @throws TimeoutException if the child overran; it is dead when this is thrown
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     * @throws NullPointerException if any argument is null
     * @throws IOException if the child cannot be started or its output cannot be read
     * @throws InterruptedException if interrupted while waiting; the child is killed and reaped first
     */
    public static Completed communicate(Charset charset, String input, Duration timeout, Class<?> mainClass,
            String... args) throws IOException, InterruptedException, TimeoutException {
        if (!Objects.requireNonNull(timeout, "timeout").isPositive()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return exchange(charset, input, timeout, mainClass, args);
    }

    private static Completed exchange(Charset charset, String input, Duration timeout, Class<?> mainClass,
            String[] args) throws IOException, InterruptedException, TimeoutException {
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(input, "input");
        List<String> command = command(charset, mainClass, args);
        Path in = Files.createTempFile("subprocess-", ".in");
        Path out = Files.createTempFile("subprocess-", ".out");
        Path err = Files.createTempFile("subprocess-", ".err");
        try {
            Files.writeString(in, input, charset);
            Process child = new ProcessBuilder(command)
                    .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            try {
                if (timeout == null) {
                    child.waitFor();
                } else if (!child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new TimeoutException("still running after " + timeout + ": killed");
                }
            } finally {
                kill(child);
            }
            return new Completed(child.exitValue(), Files.readString(out, charset), Files.readString(err, charset));
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static List<String> command(Charset charset, Class<?> mainClass, String... args) {
        Objects.requireNonNull(mainClass, "mainClass");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String option : List.of("-Dstdin.encoding=" + charset.name(), "-Dstdout.encoding=" + charset.name(),
                "-Dstderr.encoding=" + charset.name(), "-XX:-UsePerfData",
                "-cp", System.getProperty("java.class.path"), mainClass.getName())) {
            command.add(ArgumentQuoting.forThisPlatform(option));
        }
        for (String arg : Objects.requireNonNull(args, "args")) {
            command.add(ArgumentQuoting.forThisPlatform(Objects.requireNonNull(arg, "an argument is null")));
        }
        return command;
    }

    /** The operating system's empty input: a child that reads it sees the end at once. */
    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static void kill(Process child) {
        child.destroyForcibly();
        child.onExit().join(); // ignores interrupts: wait until the child is really gone
    }
}
