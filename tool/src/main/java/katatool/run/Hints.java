package katatool.run;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import katatool.core.AtomicFiles;
import katatool.core.Checksums;
import katatool.core.Console;
import katatool.core.KataException;
import katatool.core.Manifest;
import katatool.core.Repo;

/**
 * The hints of a kata's {@code HINTS.md}, revealed one at a time, and how many of each task's
 * hints the learner has seen (kept in {@code tool/target/work/hints.properties}).
 */
public final class Hints {

    private static final Pattern TASK = Pattern.compile("^## Task (\\d+): (.+?)\\s*$");
    private static final Pattern ITEM = Pattern.compile("^(\\d+)\\.\\s+(.*)$");

    /** One task's hints, general to specific; a hint may span several lines. */
    record Task(int number, String title, List<String> hints) {}

    private Hints() {}

    /** The tasks of a HINTS.md, by number. */
    static Map<Integer, Task> read(Repo repo, Manifest.Kata kata) {
        String text;
        try {
            text = Files.readString(repo.hints(kata.id()), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new KataException(kata.id() + " has no HINTS.md (" + Checksums.relative(repo, repo.hints(kata.id()))
                    + "): reset it with " + Console.command() + " reset " + kata.id());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Integer, Task> tasks = new LinkedHashMap<>();
        Integer number = null;
        String title = null;
        List<String> hints = new ArrayList<>();
        for (String line : text.lines().toList()) {
            Matcher task = TASK.matcher(line);
            if (task.matches() || line.startsWith("## ") || line.startsWith("# ")) {
                if (number != null) {
                    tasks.put(number, new Task(number, title, List.copyOf(hints)));
                }
                number = task.matches() ? Integer.valueOf(task.group(1)) : null;
                title = task.matches() ? task.group(2) : null;
                hints = new ArrayList<>();
                continue;
            }
            if (number == null) {
                continue;
            }
            Matcher item = ITEM.matcher(line);
            if (item.matches()) {
                hints.add(item.group(2).strip());
            } else if (!line.isBlank() && line.startsWith(" ") && !hints.isEmpty()) {
                hints.set(hints.size() - 1, hints.getLast() + "\n" + line.strip());
            }
        }
        if (number != null) {
            tasks.put(number, new Task(number, title, List.copyOf(hints)));
        }
        return tasks;
    }

    /** How many hints of each task were shown, as {@code kata.task=count}. */
    public static Properties shown(Repo repo) {
        Properties p = new Properties();
        Path file = stateFile(repo);
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException damaged) {
                return new Properties(); // forgetting which hints were shown is harmless
            }
        }
        return p;
    }

    public static int shown(Properties p, Manifest.Kata kata, int task) {
        try {
            return Integer.parseInt(p.getProperty(kata.id() + "." + task, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static void remember(Repo repo, Properties p, Manifest.Kata kata, int task, int count) {
        p.setProperty(kata.id() + "." + task, Integer.toString(count));
        store(repo, p);
    }

    /** Forgets which hints of the kata were shown: a reset kata starts again from its first hint. */
    public static void forget(Repo repo, Manifest.Kata kata) {
        Properties p = shown(repo);
        List<String> keys = p.stringPropertyNames().stream().filter(k -> k.startsWith(kata.id() + ".")).toList();
        if (!keys.isEmpty()) {
            keys.forEach(p::remove);
            store(repo, p);
        }
    }

    private static void store(Repo repo, Properties p) {
        Path file = stateFile(repo);
        try {
            java.io.StringWriter text = new java.io.StringWriter();
            p.store(text, "how many hints of each task the learner has seen (kata.task=count)");
            AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path stateFile(Repo repo) {
        return repo.workDir().resolve("hints.properties");
    }

    /**
     * Reveals the next hint of a task (all of them with {@code all}) and prints every hint shown
     * so far; {@code task} null means the first task that fails, as far as the tool knows.
     */
    public static void reveal(Repo repo, Manifest.Kata kata, Integer task, boolean all, Console ui, java.io.PrintWriter out) {
        Map<Integer, Task> tasks = read(repo, kata);
        if (tasks.isEmpty()) {
            throw new KataException(kata.id() + "'s HINTS.md has no \"## Task N: ...\" sections.");
        }
        if (task != null && !tasks.containsKey(task)) {
            throw new KataException(kata.id() + " has tasks 1 to " + kata.tasks().size() + "; there is no task " + task + ".");
        }
        Properties state = shown(repo);
        List<Integer> chosen = task != null ? List.of(task) : all ? List.copyOf(tasks.keySet()) : List.of(pick(repo, kata, tasks, state));
        for (int number : chosen) {
            Task t = tasks.get(number);
            int before = shown(state, kata, number);
            int now = all ? t.hints().size() : Math.min(before + 1, t.hints().size());
            remember(repo, state, kata, number, Math.max(before, now));
            out.println(ui.bold(kata.id() + " · Task " + number + ": " + t.title())
                    + ui.dim("  (hint " + now + " of " + t.hints().size() + ")"));
            for (int i = 0; i < now; i++) {
                String[] lines = t.hints().get(i).split("\n");
                String first = (i + 1) + ". " + lines[0];
                out.println("  " + (i == now - 1 && !all ? ui.yellow(first) : first));
                for (int j = 1; j < lines.length; j++) {
                    out.println("     " + lines[j]);
                }
            }
            if (now < t.hints().size()) {
                out.println(ui.dim("  More: " + Console.command() + " hint " + kata.id() + " " + number
                        + " shows the next hint (" + (t.hints().size() - now) + " left)."));
            } else if (!all) {
                out.println(ui.dim("  That was the last hint for task " + number + "."));
            }
        }
    }

    /** The first failing task of the last verdict; else the first task with hints not yet shown. */
    private static int pick(Repo repo, Manifest.Kata kata, Map<Integer, Task> tasks, Properties state) {
        StatusBook book = new StatusBook(repo);
        if (!book.pristine(kata)) {
            var failing = book.cached(kata).map(StatusBook.Status::failingTasks).orElse(List.of());
            if (!failing.isEmpty() && tasks.containsKey(failing.getFirst())) {
                return failing.getFirst();
            }
        }
        return tasks.values().stream().filter(t -> shown(state, kata, t.number()) < t.hints().size())
                .mapToInt(Task::number).findFirst().orElse(tasks.keySet().iterator().next());
    }
}
