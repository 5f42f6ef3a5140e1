package katatool.core;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one list of katas ({@code katas/manifest.json}) that the runner, the grader, the README
 * catalogue and the build's checks all read.
 *
 * @param version the manifest format, currently 1
 * @param katas the katas in learning order
 */
public record Manifest(int version, List<Kata> katas) {

    private static final Pattern ID = Pattern.compile("k(\\d\\d)_[a-z][a-z0-9_]*");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /**
     * One kata.
     *
     * @param id the package name, {@code kNN_topic}; also the folder name everywhere
     * @param title a short title
     * @param python the tutorial's Python idiom that this kata replaces
     * @param tasks the numbered tasks, task 1 first; tests carry {@code @Tag("task:N")}
     * @param stress the jcstress tests of this kata, if any
     */
    public record Kata(String id, String title, String python, List<String> tasks, Stress stress) {

        /** The kata's number, from its id. */
        public int number() {
            return Integer.parseInt(id.substring(1, 3));
        }

        public Optional<Stress> stressTests() {
            return Optional.ofNullable(stress);
        }
    }

    /**
     * The jcstress tests of a kata.
     *
     * @param tests fully qualified names of every stress test class of the kata
     * @param mustShowRace those whose race the fast run must actually observe (the broken
     *     variants whose bug shows reliably); every other test must simply be clean
     */
    public record Stress(List<String> tests, List<String> mustShowRace) {
        public Stress {
            tests = List.copyOf(tests == null ? List.of() : tests);
            mustShowRace = List.copyOf(mustShowRace == null ? List.of() : mustShowRace);
        }
    }

    public Manifest {
        katas = List.copyOf(katas == null ? List.of() : katas);
    }

    /** Reads and checks the manifest, or says in one sentence what is wrong with it. */
    public static Manifest load(Path file) {
        Manifest manifest;
        try {
            manifest = JSON.readValue(Files.readString(file, java.nio.charset.StandardCharsets.UTF_8), Manifest.class);
        } catch (NoSuchFileException e) {
            throw new KataException("The kata manifest " + file + " is missing: run this from a clone of the repository.");
        } catch (JacksonException e) {
            throw new KataException("The kata manifest " + file + " is malformed: " + e.getOriginalMessage()
                    + locationOf(e));
        } catch (IOException e) {
            throw new KataException("Cannot read the kata manifest " + file + ": " + e.getMessage(), e);
        }
        manifest.check(file);
        return manifest;
    }

    private static String locationOf(JacksonException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }

    private void check(Path file) {
        String where = "The kata manifest " + file + " ";
        if (version != 1) {
            throw new KataException(where + "has version " + version + "; this tool reads version 1.");
        }
        if (katas.isEmpty()) {
            throw new KataException(where + "lists no katas.");
        }
        Set<Integer> numbers = new HashSet<>();
        int previous = 0;
        for (Kata kata : katas) {
            if (kata == null || kata.id() == null || !ID.matcher(kata.id()).matches()) {
                throw new KataException(where + "has a kata whose id is not of the form k01_topic: "
                        + (kata == null ? "null" : kata.id()));
            }
            if (kata.title() == null || kata.title().isBlank()) {
                throw new KataException(where + "gives " + kata.id() + " no title.");
            }
            if (kata.python() == null || kata.python().isBlank()) {
                throw new KataException(where + "does not say which Python idiom " + kata.id() + " replaces.");
            }
            if (kata.tasks() == null || kata.tasks().isEmpty() || kata.tasks().stream().anyMatch(t -> t == null || t.isBlank())) {
                throw new KataException(where + "gives " + kata.id() + " no tasks, or a blank one.");
            }
            if (!numbers.add(kata.number()) || kata.number() <= previous) {
                throw new KataException(where + "lists " + kata.id() + " out of order or twice.");
            }
            previous = kata.number();
            kata.stressTests().ifPresent(s -> {
                if (!s.tests().containsAll(s.mustShowRace())) {
                    throw new KataException(where + "names a race to show in " + kata.id() + " that is not among its stress tests.");
                }
            });
        }
    }

    /**
     * Finds a kata by id, by number ({@code 7}, {@code 07}, {@code k07}) or by a unique prefix.
     *
     * @throws KataException naming the known katas if nothing matches
     */
    public Kata find(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (Kata kata : katas) {
            String number = String.format(Locale.ROOT, "%02d", kata.number());
            if (kata.id().equals(wanted) || wanted.equals("k" + number) || wanted.equals(number)
                    || wanted.equals(Integer.toString(kata.number()))) {
                return kata;
            }
        }
        List<Kata> prefixed = katas.stream().filter(k -> k.id().startsWith(wanted)).toList();
        if (prefixed.size() == 1) {
            return prefixed.getFirst();
        }
        if (wanted.matches("k?\\d+")) {
            // A number out of range: say the range, not the whole list.
            throw new KataException("There are " + katas.size() + " katas: choose 1 to " + katas.size() + " ("
                    + katas.getFirst().id() + " to " + katas.getLast().id() + "). '" + name + "' is not one of them.");
        }
        throw new KataException("No kata called '" + name + "'. Known katas: "
                + String.join(", ", katas.stream().map(Kata::id).toList()) + ".");
    }
}
