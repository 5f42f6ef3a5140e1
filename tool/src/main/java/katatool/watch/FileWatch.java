package katatool.watch;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import katatool.run.TestRunner;

/**
 * Reports the files that changed under a folder, with file events where they work and by polling
 * where they do not.
 *
 * <p>Every wake-up (a file event, or a poll) compares a snapshot of the tree (modification time
 * and size of each file) with the last one, so an editor's atomic save (a CREATE), the one or two
 * MODIFY events of a plain save, and a new folder all come out as one set of changed paths, after
 * a short quiet period. The JDK's {@link WatchService} cannot watch a tree recursively on Linux, so
 * every folder is registered, including ones created later. On macOS the JDK's WatchService itself
 * polls every few seconds, and on WSL's Windows drives ({@code /mnt/c}) and network drives events
 * may never come: there this class polls the snapshot every {@link #POLL}. In event mode it still
 * checks the snapshot once a second; if it finds changes twice that no event announced, it says so
 * and switches to polling for good.
 */
final class FileWatch implements AutoCloseable {

    static final Duration POLL = Duration.ofMillis(250);
    /** How long the tree must stay quiet before a change is reported: a save is one or two events. */
    static final Duration QUIET = Duration.ofMillis(40);
    private static final Duration SAFETY_CHECK = Duration.ofSeconds(1);

    private record Stamp(long modified, long size) {}

    private final Path root;
    private final Consumer<Set<Path>> changed;
    private final Consumer<String> note;
    private volatile boolean polling;
    private volatile boolean closed;
    private WatchService events;
    private Thread thread;
    private Map<Path, Stamp> snapshot;

    /**
     * @param changed called on the watch thread with the changed, added and removed files
     * @param note called with a sentence when the watch changes how it works
     */
    FileWatch(Path root, boolean poll, Consumer<Set<Path>> changed, Consumer<String> note) {
        this.root = root;
        this.polling = poll || eventsUnreliable(root);
        this.changed = changed;
        this.note = note;
    }

    /** True where the JDK's file events are known to be slow or missing. */
    static boolean eventsUnreliable(Path root) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return true; // the JDK's WatchService on macOS is itself a poll every 2 to 10 seconds
        }
        if (os.contains("linux") && root.toAbsolutePath().toString().startsWith("/mnt/")) { // portability: allowed, WSL mounts
            try {
                return Files.readString(Path.of("/proc/version"), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).contains("microsoft");
            } catch (IOException | UncheckedIOException e) {
                return false;
            }
        }
        return false;
    }

    boolean polling() {
        return polling;
    }

    /** Takes the first snapshot and starts watching on a daemon thread. */
    FileWatch start() throws IOException {
        snapshot = scan();
        if (!polling) {
            try {
                events = FileSystems.getDefault().newWatchService();
                registerTree(root);
            } catch (IOException | UnsupportedOperationException e) {
                polling = true;
                note.accept("File events are not available here (" + e.getMessage() + "): checking for changes every "
                        + POLL.toMillis() + " ms instead.");
            }
        }
        thread = Thread.ofPlatform().name("kata-file-watch").daemon().start(this::loop);
        return this;
    }

    private void loop() {
        try {
            int unannounced = 0;
            while (!closed) {
                boolean announced = false;
                Set<Path> named = new HashSet<>();
                if (polling) {
                    Thread.sleep(POLL);
                } else {
                    WatchKey key = events.poll(SAFETY_CHECK.toMillis(), TimeUnit.MILLISECONDS);
                    if (key != null) {
                        TestRunner.Phases.mark("file event arrives");
                        announced = true;
                        // Drain this save's events until the tree is quiet.
                        for (; key != null; key = events.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)) {
                            handle(key, named);
                        }
                    }
                }
                Map<Path, Stamp> now = scan();
                // Files named by events count even if their time stamp did not move (a coarse clock).
                named.removeIf(p -> ignored(p) || Files.isDirectory(p));
                if (now.equals(snapshot) && named.isEmpty()) {
                    continue;
                }
                if (polling || !announced) {
                    // A change seen by polling may be half-written: wait until two looks agree.
                    for (Map<Path, Stamp> again = settle(now); !again.equals(now); again = settle(now)) {
                        now = again;
                    }
                }
                Set<Path> diff = diff(snapshot, now);
                diff.addAll(named);
                snapshot = now;
                if (!polling && !announced && ++unannounced >= 2) {
                    polling = true;
                    note.accept("File events do not arrive from this folder (a network drive, or WSL's /mnt?): checking for"
                            + " changes every " + POLL.toMillis() + " ms instead. Start with --poll to skip the wait.");
                }
                if (!diff.isEmpty()) {
                    TestRunner.Phases.mark("file watch: quiet " + QUIET.toMillis() + " ms, tree scanned");
                    changed.accept(diff);
                }
            }
        } catch (InterruptedException | java.nio.file.ClosedWatchServiceException stop) {
            // closed
        }
    }

    private Map<Path, Stamp> settle(Map<Path, Stamp> seen) throws InterruptedException {
        Thread.sleep(QUIET);
        return scan();
    }

    private void handle(WatchKey key, Set<Path> named) {
        for (var event : key.pollEvents()) {
            if (event.kind() == OVERFLOW) {
                continue; // the snapshot finds whatever the lost events were about
            }
            Path dir = (Path) key.watchable();
            Path child = dir.resolve((Path) event.context());
            named.add(child);
            if (event.kind() == ENTRY_CREATE && Files.isDirectory(child)) {
                try {
                    registerTree(child);
                } catch (IOException e) {
                    // a folder that vanished at once: nothing to watch
                }
            }
        }
        key.reset();
    }

    private void registerTree(Path dir) throws IOException {
        try (Stream<Path> dirs = Files.walk(dir)) {
            for (Path d : dirs.filter(Files::isDirectory).filter(d -> !ignored(d)).toList()) {
                d.register(events, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
            }
        }
    }

    private boolean ignored(Path path) {
        Path relative = root.relativize(path);
        for (Path part : relative) {
            String name = part.toString();
            if (name.equals("target") || name.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private Map<Path, Stamp> scan() {
        Map<Path, Stamp> stamps = new HashMap<>();
        try {
            Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
                @Override
                public java.nio.file.FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && ignored(dir) ? java.nio.file.FileVisitResult.SKIP_SUBTREE
                            : java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        stamps.put(file, new Stamp(attrs.lastModifiedTime().toMillis(), attrs.size()));
                    }
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
                    return java.nio.file.FileVisitResult.CONTINUE; // deleted while we looked
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stamps;
    }

    private static Set<Path> diff(Map<Path, Stamp> before, Map<Path, Stamp> after) {
        Set<Path> changed = new HashSet<>();
        after.forEach((path, stamp) -> {
            if (!Objects.equals(before.get(path), stamp)) {
                changed.add(path);
            }
        });
        before.keySet().stream().filter(p -> !after.containsKey(p)).forEach(changed::add);
        return changed;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        closed = true;
        if (thread != null) {
            thread.interrupt();
        }
        if (events != null) {
            events.close();
        }
        if (thread != null) {
            thread.join(Duration.ofSeconds(5));
        }
    }
}
