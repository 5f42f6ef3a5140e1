package katatool.grade;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import katatool.core.KataException;

/**
 * The forks file of {@code kata grade-class}: one learner a line, as {@code NAME SOURCE [REF]}
 * separated by spaces or tabs, where SOURCE is a git URL or a local clone's folder (relative to
 * the forks file's folder) and REF a commit, branch or tag to grade instead of the default
 * branch. {@code #} starts a comment; blank lines are ignored.
 *
 * <p>Every mistake in the file is found before anything is graded, and named with its line, so a
 * teacher never waits for a class run that was going to stop at the last learner.
 */
public final class ClassRoster {

    /** A learner's name becomes a file name, so it keeps to letters, digits, dot, dash and underscore. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** scheme://..., or scp-like user@host:path, as git reads them. */
    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.+|[^/\\s]+@[^/\\s:]+:.*");

    private ClassRoster() {}

    /**
     * One learner to grade.
     *
     * @param name the learner's name: the row of the class table and the name of their files
     * @param source a git URL, or the absolute path of a local clone
     * @param ref the commit, branch or tag to grade; empty for the clone's default branch
     * @param line the line of the forks file it came from
     */
    public record Fork(String name, String source, Optional<String> ref, int line) {}

    /**
     * Reads a forks file.
     *
     * @throws KataException naming the file and line of the first mistake: a line with too few or
     *     too many fields, a name that is not a plain file name, a name used twice, an option-like
     *     source or ref, or no learner at all
     */
    public static List<Fork> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new KataException("No forks file at " + file + ": write one learner a line, NAME SOURCE [REF].");
        } catch (MalformedInputException e) {
            throw new KataException("The forks file " + file + " is not UTF-8 text.");
        } catch (IOException e) {
            throw new KataException("Cannot read the forks file " + file + ": " + e.getMessage());
        }
        Path base = file.toAbsolutePath().getParent();
        List<Fork> forks = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (content.isEmpty()) {
                continue;
            }
            String where = file + " line " + number + ": ";
            String[] fields = content.split("\\s+");
            if (fields.length < 2 || fields.length > 3) {
                throw new KataException(where + "expected NAME SOURCE [REF] (a learner's name, a git URL or local"
                        + " clone, and optionally a commit or branch), found " + fields.length + " field(s): " + content);
            }
            String name = fields[0];
            if (!NAME.matcher(name).matches()) {
                throw new KataException(where + "the name '" + name + "' names the learner's files, so it must be letters,"
                        + " digits, '.', '-' or '_' (at most 64, not starting with '.', '-' or '_').");
            }
            Integer earlier = seen.putIfAbsent(name.toLowerCase(java.util.Locale.ROOT), number);
            if (earlier != null) {
                throw new KataException(where + "the name '" + name + "' is already used on line " + earlier
                        + " (names are compared ignoring case, as Windows compares file names).");
            }
            String source = fields[1];
            Optional<String> ref = fields.length == 3 ? Optional.of(fields[2]) : Optional.empty();
            // git would read a leading '-' as an option, not as a repository or a commit.
            if (source.startsWith("-") || ref.filter(r -> r.startsWith("-")).isPresent()) {
                throw new KataException(where + "a source or ref may not start with '-': " + content);
            }
            if (!URL.matcher(source).matches()) {
                source = base.resolve(source).normalize().toString();
            }
            forks.add(new Fork(name, source, ref, number));
        }
        if (forks.isEmpty()) {
            throw new KataException("The forks file " + file + " lists no learner: write one line per learner,"
                    + " NAME SOURCE [REF], for example: alice https://github.com/alice/katas.git");
        }
        return List.copyOf(forks);
    }
}
