package katatool.core;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where everything about a kata lives, found from its id alone.
 *
 * @param root the repository root, the folder that holds {@code katas/manifest.json}
 */
public record Repo(Path root) {

    /** Finds the repository from a starting folder by walking up to the manifest. */
    public static Repo locate(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("katas").resolve("manifest.json"))) {
                return new Repo(dir);
            }
        }
        throw new KataException("No kata repository here: run this inside a clone (no katas/manifest.json above "
                + start.toAbsolutePath() + ").");
    }

    public Path manifestFile() {
        return root.resolve("katas").resolve("manifest.json");
    }

    public Manifest manifest() {
        return Manifest.load(manifestFile());
    }

    /** The learner's folder for a kata: stubs, README.md and HINTS.md. */
    public Path stubDir(String id) {
        return root.resolve("katas/src/main/java").resolve(id);
    }

    /** Code handed to the learner complete, shared by stubs and references. */
    public Path givenDir(String id) {
        return root.resolve("katas/src/given/java").resolve(id);
    }

    public Path testDir(String id) {
        return root.resolve("katas/src/test/java").resolve(id);
    }

    /** Test support shared by every kata's tests. */
    public Path testSupportDir() {
        return root.resolve("katas/src/test/java/support");
    }

    public Path testResources() {
        return root.resolve("katas/src/test/resources");
    }

    public Path solutionDir(String id) {
        return root.resolve("solutions/src/main/java").resolve(id);
    }

    public Path stressDir(String id) {
        return root.resolve("jcstress/src/main/java").resolve(id);
    }

    public Path readme(String id) {
        return stubDir(id).resolve("README.md");
    }

    public Path hints(String id) {
        return stubDir(id).resolve("HINTS.md");
    }

    /** Scratch space of the tool, ignored by git. */
    public Path workDir() {
        return root.resolve("tool").resolve("target").resolve("work");
    }
}
