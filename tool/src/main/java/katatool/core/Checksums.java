package katatool.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * SHA-256 digests of the repository's files, in two lists kept under {@code .kata/}.
 *
 * <ul>
 *   <li>{@code stubs.sha256}: the learner's files as the repository hands them out (everything in
 *       {@code katas/src/main/java}). Unchanged means "not started"; {@code reset} restores them.
 *   <li>{@code protected.sha256}: every file a learner must not edit because grading depends on
 *       it: tests and their support, given code, the manifest, the tool, build files, the
 *       wrapper, stress tests and workflows. The grader names any file that differs.
 * </ul>
 *
 * <p>Both use the {@code sha256sum} format ({@code <hex>  <path>}, paths with {@code /}), so
 * {@code sha256sum -c} can check them too. Text is hashed with line endings normalised to LF, so
 * a Windows checkout hashes the same as a Linux one.
 */
public final class Checksums {

    /** The two lists. */
    public enum Kind {
        STUBS("stubs.sha256", List.of("katas/src/main/java")),
        PROTECTED("protected.sha256", List.of(
                "katas/src/test", "katas/src/given", "katas/manifest.json", "katas/pom.xml",
                "solutions/pom.xml", "tool/src/main", "tool/pom.xml", "jcstress", "bench/pom.xml",
                "pom.xml", ".mvn", "mvnw", "mvnw.cmd", "kata", "kata.cmd", ".github", ".ci", ".gitattributes", "scripts"));

        public final String fileName;
        final List<String> roots;

        Kind(String fileName, List<String> roots) {
            this.fileName = fileName;
            this.roots = roots;
        }
    }

    private Checksums() {}

    /** Where the committed list of this kind lives. */
    public static Path listFile(Repo repo, Kind kind) {
        return repo.root().resolve(".kata").resolve(kind.fileName);
    }

    /** Digests of the files of this kind as they are in the working tree now, by relative path. */
    public static SortedMap<String, String> compute(Repo repo, Kind kind) {
        SortedMap<String, String> digests = new TreeMap<>();
        for (String root : kind.roots) {
            Path start = repo.root().resolve(root);
            if (!Files.exists(start)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(start)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    String relative = relative(repo, file);
                    if (!relative.contains("/target/") && !relative.contains("/node_modules/")) {
                        digests.put(relative, digest(file));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return digests;
    }

    /** Reads a committed list, or says which file is missing or malformed. */
    public static SortedMap<String, String> read(Repo repo, Kind kind) {
        Path file = listFile(repo, kind);
        SortedMap<String, String> digests = new TreeMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KataException("Cannot read " + relative(repo, file) + ": regenerate it with " + Console.command() + " checksums --write.");
        }
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            if (!line.matches("[0-9a-f]{64}  \\S.*")) {
                throw new KataException(relative(repo, file) + " has a malformed line: " + line);
            }
            digests.put(line.substring(66), line.substring(0, 64));
        }
        return digests;
    }

    /** Writes the list of this kind from the working tree. */
    public static void write(Repo repo, Kind kind) throws IOException {
        Path file = listFile(repo, kind);
        Files.createDirectories(file.getParent());
        StringBuilder text = new StringBuilder();
        compute(repo, kind).forEach((path, hex) -> text.append(hex).append("  ").append(path).append('\n'));
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /**
     * The differences between a committed list and the working tree: each entry is a path with
     * "changed", "missing" or "added".
     */
    public static Map<String, String> differences(SortedMap<String, String> expected, SortedMap<String, String> actual) {
        Map<String, String> diff = new LinkedHashMap<>();
        expected.forEach((path, hex) -> {
            String now = actual.get(path);
            if (now == null) {
                diff.put(path, "missing");
            } else if (!now.equals(hex)) {
                diff.put(path, "changed");
            }
        });
        actual.keySet().stream().filter(p -> !expected.containsKey(p)).forEach(p -> diff.put(p, "added"));
        return diff;
    }

    /** SHA-256 of a file, with CRLF and CR normalised to LF when the file is text. */
    public static String digest(Path file) {
        try {
            return digest(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 of some content, with CRLF and CR normalised to LF when it is text. */
    public static String digest(byte[] bytes) {
        try {
            if (isText(bytes)) {
                bytes = new String(bytes, StandardCharsets.UTF_8).replace("\r\n", "\n").replace('\r', '\n')
                        .getBytes(StandardCharsets.UTF_8);
            }
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static boolean isText(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return false;
            }
        }
        return true;
    }

    public static String relative(Repo repo, Path file) {
        List<String> parts = new ArrayList<>();
        repo.root().relativize(file.toAbsolutePath().normalize()).forEach(p -> parts.add(p.toString()));
        return String.join("/", parts);
    }
}
