package katatool.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import katatool.core.Checksums;
import katatool.core.KataException;
import katatool.core.Manifest;
import katatool.core.Repo;

/**
 * Puts a kata's learner files back as the repository hands them out: for each file that differs
 * from {@code .kata/stubs.sha256}, the version in git history whose (line-ending normalised)
 * SHA-256 matches. git runs as a program with explicit arguments, never through a shell.
 */
public final class Reset {

    private Reset() {}

    /** A file to restore and the content to restore it with. */
    public record Restore(String path, boolean exists, byte[] content) {}

    /** What differs from the pristine kata: the files to restore, and files the list does not know. */
    public record Plan(List<Restore> restores, List<String> unknown) {}

    public static Plan plan(Repo repo, Manifest.Kata kata) {
        StatusBook book = new StatusBook(repo);
        SortedMap<String, String> expected = book.stubs().subMap(book.prefix(kata), book.prefix(kata) + Character.MAX_VALUE);
        if (expected.isEmpty()) {
            throw new KataException(".kata/stubs.sha256 lists no files of " + kata.id() + ": nothing to reset it to.");
        }
        Map<String, Boolean> differing = new LinkedHashMap<>();
        expected.forEach((path, digest) -> {
            Path file = repo.root().resolve(path);
            boolean exists = Files.isRegularFile(file);
            if (!exists || !Checksums.digest(file).equals(digest)) {
                differing.put(path, exists);
            }
        });
        List<String> unknown = StatusBook.files(repo.stubDir(kata.id())).stream()
                .map(f -> Checksums.relative(repo, f)).filter(p -> !expected.containsKey(p)).toList();
        List<Restore> restores = new ArrayList<>();
        for (var entry : differing.entrySet()) {
            restores.add(new Restore(entry.getKey(), entry.getValue(), fromHistory(repo, entry.getKey(), expected.get(entry.getKey()))));
        }
        return new Plan(restores, unknown);
    }

    /** The content of the file, from the newest commit whose version has the wanted digest. */
    private static byte[] fromHistory(Repo repo, String path, String digest) {
        byte[] log = git(repo, "log", "--format=%H", "--", path);
        for (String commit : new String(log, java.nio.charset.StandardCharsets.US_ASCII).lines().map(String::strip)
                .filter(l -> !l.isEmpty()).toList()) {
            byte[] content = git(repo, "show", commit + ":" + path);
            if (Checksums.digest(content).equals(digest)) {
                return content;
            }
        }
        throw new KataException("No version of " + path + " in git history matches .kata/stubs.sha256: reset cannot restore it.");
    }

    private static byte[] git(Repo repo, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.root().toString()));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException noGit) {
            throw new KataException("reset needs git, and no git program was found on the PATH: install git, or copy the"
                    + " file back from the repository by hand.");
        }
        try (InputStream in = process.getInputStream()) {
            byte[] output = in.readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new KataException("git " + args[0] + " did not finish within a minute.");
            }
            if (process.exitValue() != 0) {
                throw new KataException("reset needs the repository's git history, and git could not read it in "
                        + repo.root() + " (is it a git clone?).");
            }
            return output;
        } catch (IOException e) {
            throw new KataException("Could not read git's answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KataException("Interrupted while git was running.", e);
        } finally {
            process.destroyForcibly();
        }
    }

    public static void apply(Repo repo, Plan plan) throws IOException {
        for (Restore r : plan.restores()) {
            Path file = repo.root().resolve(r.path());
            Files.createDirectories(file.getParent());
            Files.write(file, r.content());
        }
    }
}
