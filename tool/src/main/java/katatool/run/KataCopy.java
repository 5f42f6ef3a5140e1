package katatool.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import katatool.core.Checksums;
import katatool.core.Manifest;
import katatool.core.Repo;

/**
 * A throw-away repository holding one kata, copied from the real one: the benchmark and the
 * tool's own tests edit its learner files, never the real katas.
 */
public final class KataCopy {

    private KataCopy() {}

    /**
     * Copies the kata's stub folder, given code, tests, the shared test support and resources into
     * {@code target}, with a manifest that lists only this kata and the stubs' checksums.
     */
    public static Repo copyKata(Repo from, Manifest.Kata kata, Path target) throws IOException {
        return copyKatas(from, List.of(kata), target);
    }

    /** Like {@link #copyKata}, with several katas in the manifest's order. */
    public static Repo copyKatas(Repo from, List<Manifest.Kata> katas, Path target) throws IOException {
        Repo to = new Repo(target.toAbsolutePath().normalize());
        for (String relative : List.of("katas/src/test/java/support", "katas/src/test/resources")) {
            copyTree(from.root().resolve(relative), to.root().resolve(relative));
        }
        for (Manifest.Kata kata : katas) {
            for (String relative : List.of("katas/src/main/java/" + kata.id(), "katas/src/given/java/" + kata.id(),
                    "katas/src/test/java/" + kata.id(), "solutions/src/main/java/" + kata.id())) {
                copyTree(from.root().resolve(relative), to.root().resolve(relative));
            }
        }
        Files.createDirectories(to.manifestFile().getParent());
        Files.writeString(to.manifestFile(), new ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(new Manifest(1, katas)), StandardCharsets.UTF_8);
        Checksums.write(to, Checksums.Kind.STUBS);
        return to;
    }

    public static void copyTree(Path source, Path target) throws IOException {
        for (Path file : StatusBook.files(source)) {
            Path copy = target.resolve(source.relativize(file).toString());
            Files.createDirectories(copy.getParent());
            Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
