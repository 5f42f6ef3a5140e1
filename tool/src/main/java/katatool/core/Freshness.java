package katatool.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Tells whether the tool's jar is older than the sources it is built from, so that a launcher can
 * rebuild it after a {@code git pull} changed the tool.
 *
 * <p>{@code ./kata} makes this check itself with {@code find -newer}; {@code kata.cmd} has no such
 * command, so it asks the tool (see {@code katatool.cli.Main#main}).
 */
public final class Freshness {

    /** The system property that carries the exit code telling {@code kata.cmd} to rebuild the jar and run the command again. */
    public static final String REBUILD_EXIT_PROPERTY = "kata.rebuildExit";

    /**
     * The system property naming the built jar when the JVM runs a copy of it: {@code kata.cmd}
     * runs a copy, because Windows cannot replace a jar that a running JVM holds open.
     */
    static final String JAR_PROPERTY = "kata.jar";

    private Freshness() {}

    /**
     * The first of the tool's sources ({@code tool/src/main}, {@code tool/pom.xml}, the parent
     * {@code pom.xml}) changed after {@code jar} was written, if any.
     */
    public static Optional<Path> newerSource(Path root, Path jar) {
        try {
            FileTime built = Files.getLastModifiedTime(jar);
            try (Stream<Path> sources = Stream.concat(
                    Stream.of(root.resolve("pom.xml"), root.resolve("tool").resolve("pom.xml")),
                    walk(root.resolve("tool").resolve("src").resolve("main")))) {
                return sources.filter(Files::isRegularFile).filter(file -> modified(file).compareTo(built) > 0).findFirst();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tool's jar and the repository it was built in. */
    public record Install(Path root, Path jar) {}

    /**
     * The jar this class was loaded from (or the one {@value #JAR_PROPERTY} names, when this is a
     * copy) and the repository root three levels up ({@code tool/target/kata-tool.jar}), or empty
     * when the tool runs from classes, not that jar.
     */
    public static Optional<Install> runningJar() {
        Path jar;
        try {
            String original = System.getProperty(JAR_PROPERTY, "");
            jar = original.isEmpty()
                    ? Path.of(Freshness.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath()
                    : Path.of(original).toAbsolutePath();
        } catch (URISyntaxException | java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
        Path target = jar.getParent();
        Path root = target.getParent() == null ? null : target.getParent().getParent();
        if (!Files.isRegularFile(jar) || root == null || !Files.isRegularFile(root.resolve("katas").resolve("manifest.json"))) {
            return Optional.empty();
        }
        return Optional.of(new Install(root, jar));
    }

    private static Stream<Path> walk(Path dir) throws IOException {
        return Files.isDirectory(dir) ? Files.walk(dir) : Stream.empty();
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
