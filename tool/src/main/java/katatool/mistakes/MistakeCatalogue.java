package katatool.mistakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import katatool.core.KataException;
import katatool.core.Manifest;
import katatool.core.Repo;
import katatool.run.KataCompiler;
import katatool.run.TestRunner;

/**
 * The mistake catalogue of a kata (docs/catalogue.md): complete solutions with one mistake each,
 * under {@code solutions/src/mistakes/<kata>/<NN_slug>/}, and correct solutions written another
 * way, under {@code solutions/src/alternatives/<kata>/<NN_slug>/}.
 *
 * <p>Loading checks everything a folder can say about itself and throws a {@link KataException}
 * naming the folder; whether {@code fails} names real tests is checked by {@link #checkTestNames}
 * once the kata's tests are known.
 */
public final class MistakeCatalogue {

    /** A mistake, or a correct alternative. */
    public enum Kind {
        MISTAKE("mistakes", "mistake.json"), ALTERNATIVE("alternatives", "alternative.json");

        final String folder;
        final String file;

        Kind(String folder, String file) {
            this.folder = folder;
            this.file = file;
        }

        String word() {
            return this == MISTAKE ? "mistake" : "alternative";
        }
    }

    /**
     * One catalogue entry.
     *
     * @param kind mistake or alternative
     * @param kata the kata id
     * @param slug the folder name, {@code NN_slug}: the entry's stable key
     * @param dir the folder
     * @param name a few words, in the learner's terms
     * @param lesson the mistake's lesson, or why the alternative is right
     * @param task the README task (0 for an alternative that gives none)
     * @param fails the tests the mistake fails on every run (empty for an alternative)
     * @param mayFail tests the mistake may fail too
     * @param message a pattern found in the failure message of one failed test, if given
     * @param javaFiles the classes put in place of the reference's
     */
    public record Entry(Kind kind, String kata, String slug, Path dir, String name, String lesson, int task,
                        List<String> fails, List<String> mayFail, Optional<Pattern> message, List<Path> javaFiles) {

        /** {@code k06_threads/01_run_instead_of_start}: how sentences name the entry. */
        public String key() {
            return kata + "/" + kind.folder + "/" + slug;  // portability: allowed (identifiers and quotes, not paths)
        }

        /** The tests the fast gate runs for this entry: {@code fails} and {@code mayFail}. */
        public Set<String> focus() {
            Set<String> focus = new java.util.LinkedHashSet<>(fails);
            focus.addAll(mayFail);
            return focus;
        }
    }

    private static final Pattern SLUG = Pattern.compile("\\d\\d_[a-z0-9]+(_[a-z0-9]+)*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private MistakeCatalogue() {}

    /** The folder of a kata's entries of this kind. */
    public static Path folder(Repo repo, Kind kind, String kataId) {
        return repo.root().resolve("solutions/src").resolve(kind.folder).resolve(kataId);
    }

    /** Every entry of the kata, mistakes first, each kind in folder order. */
    public static List<Entry> load(Repo repo, Manifest.Kata kata) {
        List<Entry> all = new ArrayList<>(load(repo, kata, Kind.MISTAKE));
        all.addAll(load(repo, kata, Kind.ALTERNATIVE));
        return List.copyOf(all);
    }

    /** How many entries the kata has, or 0 when its catalogue cannot be read (the gate then says why). */
    static int size(Repo repo, Manifest.Kata kata) {
        try {
            return load(repo, kata).size();
        } catch (KataException unreadable) {
            return 0;
        }
    }

    /**
     * The kata's entries of one kind, in folder order.
     *
     * @throws KataException naming the folder of the first malformed entry
     */
    public static List<Entry> load(Repo repo, Manifest.Kata kata, Kind kind) {
        Path root = folder(repo, kind, kata.id());
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> dirs;
        try (Stream<Path> list = Files.list(root)) {
            dirs = list.sorted().toList();
        } catch (IOException e) {
            throw new KataException("Cannot read " + root + ": " + e.getMessage(), e);
        }
        List<Entry> entries = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                throw new KataException(problem(repo, dir, "is a file; the catalogue holds one folder per entry, named NN_slug"));
            }
            entries.add(entry(repo, kata, kind, dir));
        }
        return List.copyOf(entries);
    }

    /** The kata's mistakes, or none if the catalogue cannot be read: the learner's verdict must never fail on it. */
    static List<Entry> mistakesQuietly(Repo repo, Manifest.Kata kata) {
        try {
            return load(repo, kata, Kind.MISTAKE);
        } catch (RuntimeException malformed) {
            return List.of();
        }
    }

    private static Entry entry(Repo repo, Manifest.Kata kata, Kind kind, Path dir) {
        String slug = dir.getFileName().toString();
        if (!SLUG.matcher(slug).matches()) {
            throw new KataException(problem(repo, dir, "is not named NN_slug (two digits, then lower-case words joined by _)"));
        }
        Path file = dir.resolve(kind.file);
        if (!Files.isRegularFile(file)) {
            throw new KataException(problem(repo, dir, "has no " + kind.file));
        }
        JsonNode json;
        try {
            json = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new KataException(problem(repo, file, "is not valid JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage())), e);
        }
        if (json == null || !json.isObject()) {
            throw new KataException(problem(repo, file, "is not a JSON object"));
        }
        String name = text(repo, file, json, "name", true);
        String lesson = text(repo, file, json, kind == Kind.MISTAKE ? "lesson" : "why", true);
        int task = 0;
        JsonNode taskNode = json.get("task");
        if (taskNode != null && !taskNode.isNull()) {
            if (!taskNode.canConvertToInt() || !taskNode.isIntegralNumber()) {
                throw new KataException(problem(repo, file, "has a task that is not a number"));
            }
            task = taskNode.intValue();
            if (task < 1 || task > kata.tasks().size()) {
                throw new KataException(problem(repo, file, "names task " + task + ", and " + kata.id() + " has tasks 1 to "
                        + kata.tasks().size()));
            }
        } else if (kind == Kind.MISTAKE) {
            throw new KataException(problem(repo, file, "has no task (the README task the mistake belongs to)"));
        }
        List<String> fails = names(repo, file, json, "fails");
        List<String> mayFail = names(repo, file, json, "mayFail");
        Optional<Pattern> message = Optional.empty();
        if (kind == Kind.MISTAKE) {
            if (fails.isEmpty()) {
                throw new KataException(problem(repo, file, "has no fails: name the tests this mistake fails on every run"));
            }
            String regex = text(repo, file, json, "message", false);
            if (!regex.isEmpty()) {
                try {
                    message = Optional.of(Pattern.compile(regex));
                } catch (PatternSyntaxException e) {
                    throw new KataException(problem(repo, file, "has a message that is not a regular expression: "
                            + e.getDescription()), e);
                }
            }
        } else if (!fails.isEmpty() || !mayFail.isEmpty()) {
            throw new KataException(problem(repo, file, "lists tests to fail, and an alternative must pass every test"));
        }
        List<Path> java = KataCompiler.javaFiles(dir);
        if (java.isEmpty()) {
            throw new KataException(problem(repo, dir, "has no Java files: an entry is the classes put in place of the reference's"));
        }
        return new Entry(kind, kata.id(), slug, dir, name, lesson, task, fails, mayFail, message, java);
    }

    /**
     * Checks that every test named in {@code fails} and {@code mayFail} is one of the kata's tests.
     *
     * @param tests the kata's tests, named as {@link TestRunner.Result#name()} names them
     * @return one sentence per unknown name
     */
    public static List<String> checkTestNames(Repo repo, Collection<Entry> entries, Collection<String> tests) {
        return checkTestNames(repo, entries, tests, List.of());
    }

    /**
     * As {@link #checkTestNames(Repo, Collection, Collection)}, where an invocation of a
     * parameterized test ({@code template › its name}) counts as a test of the kata too: only the
     * template is known before the tests run.
     */
    public static List<String> checkTestNames(Repo repo, Collection<Entry> entries, Collection<String> tests,
                                              Collection<String> templates) {
        List<String> problems = new ArrayList<>();
        for (Entry e : entries) {
            for (String name : e.focus()) {
                if (!tests.contains(name) && templates.stream().noneMatch(t -> name.startsWith(t + " › "))) {
                    problems.add(problem(repo, e.dir().resolve(e.kind().file), "names the test \"" + name + "\", which "  // portability: allowed (identifiers and quotes, not paths)
                            + e.kata() + " does not have" + closest(name, tests)));
                }
            }
        }
        return problems;
    }

    /** A hint at the test meant: one whose last part is the same. */
    private static String closest(String name, Collection<String> tests) {
        String last = name.substring(name.lastIndexOf('›') + 1).strip();
        return tests.stream().filter(t -> t.endsWith("› " + last)).findFirst()
                .map(t -> " (did you mean \"" + t + "\"?)").orElse(" (names run from the test class's display name down,"  // portability: allowed (identifiers and quotes, not paths)
                        + " joined by \" › \")");
    }

    private static String text(Repo repo, Path file, JsonNode json, String field, boolean required) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new KataException(problem(repo, file, "has no " + field));
            }
            return "";
        }
        if (!node.isTextual() || (required && node.asText().isBlank())) {
            throw new KataException(problem(repo, file, "has " + (node.isTextual() ? "an empty " : "a non-text ") + field));
        }
        return node.asText().strip();
    }

    private static List<String> names(Repo repo, Path file, JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new KataException(problem(repo, file, "has a " + field + " that is not a list of test names"));
        }
        List<String> names = new ArrayList<>();
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            JsonNode n = it.next();
            if (!n.isTextual() || n.asText().isBlank()) {
                throw new KataException(problem(repo, file, "has an entry in " + field + " that is not a test name"));
            }
            names.add(n.asText().strip());
        }
        return List.copyOf(names);
    }

    private static String problem(Repo repo, Path where, String what) {
        String relative = repo.root().relativize(where).toString().replace(java.io.File.separatorChar, '/');
        return "Mistake catalogue: " + relative + " " + what + " (see docs/catalogue.md).";
    }
}
