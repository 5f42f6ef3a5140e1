package katatool.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import katatool.core.Catalogue;
import katatool.core.Checksums;
import katatool.core.Console;
import katatool.core.Freshness;
import katatool.core.KataException;
import katatool.core.Manifest;
import katatool.core.Repo;
import katatool.stress.StressCheck;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The learner's tool: {@code ./kata} on Linux and macOS, {@code .\kata} on Windows. */
@Command(name = "kata", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Concurrency katas for Java: see your progress, run a kata, get a hint.",
        subcommands = {ListCommand.class, RunCommand.class, WatchCommand.class, HintCommand.class, ResetCommand.class,
                StressCommand.class, GradeCommand.class, GradeClassCommand.class, Main.CatalogueCommand.class,
                Main.ChecksumsCommand.class, Main.StressCheckCommand.class, BenchmarkCommand.class, MistakesCommand.class})
public final class Main implements Callable<Integer> {

    /** Exit code for a mistake the user can fix: an unknown kata, no JDK 25, code that does not compile. */
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // ArchUnit logs through SLF4J; with no provider, SLF4J warns on every run. Silence just that.
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        // The console's own encoding (the launchers set UTF-8 where the console shows it), with
        // ASCII marks where it has none: an old Windows code page would show ✔ as garbage.
        PrintWriter out = Console.writer(System.out, Console.streamCharset("stdout.encoding"));
        PrintWriter err = Console.writer(System.err, Console.streamCharset("stderr.encoding"));
        // kata.cmd passes this property: cmd cannot compare file times, so the tool does it for it.
        Integer rebuildExit = Integer.getInteger(Freshness.REBUILD_EXIT_PROPERTY);
        if (rebuildExit != null) {
            Optional<Path> changed;
            try {
                changed = Freshness.runningJar().flatMap(i -> Freshness.newerSource(i.root(), i.jar()));
            } catch (java.io.UncheckedIOException unreadable) {
                changed = Optional.empty(); // a check that cannot read the sources must not stop the command
            }
            if (changed.isPresent()) {
                err.println("The kata tool changed since it was built (" + changed.get() + "): rebuilding it.");
                System.exit(rebuildExit);
            }
        }
        System.exit(execute(Path.of(""), args, out, err));
    }

    /** Runs one command line and returns its exit code; the entry point tests use. Input comes from System.in. */
    public static int execute(Path workingDir, String[] args, PrintWriter out, PrintWriter err) {
        return execute(workingDir, args, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out, err);
    }

    /**
     * Runs one command line with the given console input (read by {@code reset}'s question and
     * {@code watch}'s keys) and returns its exit code.
     */
    public static int execute(Path workingDir, String[] args, BufferedReader in, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setCommandName(Console.command()); // "Usage: .\kata list" on Windows, "./kata list" elsewhere
        // --help and --version on every command, not only on the tool itself.
        cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().mixinStandardHelpOptions(true)
                .versionProvider(new Version()));
        cli.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Main::commandList);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof KataException kata) {
                err.println(kata.getMessage());
                return USAGE;
            }
            // Not the learner's mistake but ours: still one line, and the trace only on request.
            err.println("The kata tool failed: " + e + " (run with -Dkata.trace=true for the details)");
            if (Boolean.getBoolean("kata.trace")) {
                e.printStackTrace(err);
            }
            return 3;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            err.println(e.getMessage() + " (try: " + Console.command() + " --help)");
            return USAGE;
        });
        SESSION.set(new Session(workingDir, in, out, err));
        try {
            return cli.execute(args);
        } finally {
            SESSION.remove();
            out.flush();
            err.flush();
        }
    }

    /** The commands a learner uses, in the order of a session; the rest are the maintainers'. */
    static final List<String> LEARNER_COMMANDS = List.of("watch", "run", "list", "hint", "reset", "stress", "grade");

    /** The command list of {@code --help}: the learner's commands first, the maintainers' apart. */
    private static String commandList(CommandLine.Help help) {
        var visible = new java.util.LinkedHashMap<String, CommandLine.Help>();
        help.subcommands().forEach((name, sub) -> {
            if (!sub.commandSpec().usageMessage().hidden()) {
                visible.put(name, sub);
            }
        });
        StringBuilder text = new StringBuilder();
        LEARNER_COMMANDS.stream().filter(visible::containsKey).forEach(name -> line(text, name, visible.get(name)));
        text.append("\nFor teachers and maintainers:\n");
        visible.keySet().stream().filter(n -> !LEARNER_COMMANDS.contains(n)).forEach(name -> line(text, name, visible.get(name)));
        text.append("\n").append(Console.command()).append(" <command> --help says more about each.\n");
        return text.toString();
    }

    private static void line(StringBuilder text, String name, CommandLine.Help sub) {
        String[] description = sub.commandSpec().usageMessage().description();
        text.append(String.format(java.util.Locale.ROOT, "  %-10s %s%n", name, description.length == 0 ? "" : description[0]));
    }

    /** {@code --version}: the tool's version and the Java it runs on. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = java.util.Optional.ofNullable(Main.class.getPackage().getImplementationVersion()).orElse("(development build)");
            return new String[] {"kata " + version, "Java " + Runtime.version() + " (" + System.getProperty("java.home") + ")"};
        }
    }

    /** What one command line runs with: where it was started and its console. */
    record Session(Path workingDir, BufferedReader in, PrintWriter out, PrintWriter err) {}

    private static final ThreadLocal<Session> SESSION = new ThreadLocal<>();

    static Session session() {
        Session session = SESSION.get();
        if (session == null) {
            throw new IllegalStateException("commands run through Main.execute");
        }
        return session;
    }

    static Repo repo() {
        return Repo.locate(session().workingDir());
    }

    /** With no command: the progress list, the learner's home screen. */
    @Override
    public Integer call() throws Exception {
        return new ListCommand().call();
    }

    @Command(name = "catalogue", description = "Print the README's kata table from the manifest; --write puts it in README.md.")
    static final class CatalogueCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Option(names = "--write", description = "Replace the table in README.md.")
        boolean write;

        @Override
        public Integer call() throws Exception {
            Repo repo = repo();
            Manifest manifest = repo.manifest();
            if (!write) {
                spec.commandLine().getOut().print(Catalogue.render(manifest));
                return 0;
            }
            Path readme = repo.root().resolve("README.md");
            String text = java.nio.file.Files.readString(readme, StandardCharsets.UTF_8);
            java.nio.file.Files.writeString(readme, Catalogue.replace(text, manifest), StandardCharsets.UTF_8);
            spec.commandLine().getOut().println("README.md catalogue updated from katas/manifest.json.");
            return 0;
        }
    }

    @Command(name = "stress-check", hidden = true,
            description = "Run the manifest's jcstress tests from a built jar and fail unless every promise held.")
    static final class StressCheckCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Option(names = "--jar", required = true, description = "The shaded jcstress jar.")
        Path jar;

        @CommandLine.Option(names = "--mode", defaultValue = "fast", description = "fast or thorough.")
        String mode;

        @CommandLine.Option(names = "--target", defaultValue = "solutions", description = "Whose code the jar holds: solutions or katas.")
        String target;

        @CommandLine.Option(names = "--kata", defaultValue = "", description = "One kata; empty for every kata with stress tests.")
        String kata;

        @Override
        public Integer call() throws Exception {
            Repo repo = repo();
            Manifest manifest = repo.manifest();
            StressCheck.Mode chosen = switch (mode.toLowerCase(java.util.Locale.ROOT)) {
                case "fast" -> StressCheck.Mode.FAST;
                case "thorough" -> StressCheck.Mode.THOROUGH;
                default -> throw new KataException("Unknown stress mode '" + mode + "': use fast or thorough.");
            };
            List<Manifest.Kata> katas = kata.isBlank()
                    ? manifest.katas().stream().filter(k -> k.stressTests().isPresent()).toList()
                    : List.of(manifest.find(kata));
            Path work = Path.of("").toAbsolutePath();
            StressCheck.Verdict verdict = StressCheck.run(jar, katas, chosen, work, spec.commandLine().getOut());
            spec.commandLine().getOut().println(verdict.ok()
                    ? "Stress verdict (" + target + "): every promise held."
                    : "Stress verdict (" + target + "): FAILED, see the lines marked ✘ above.");
            return verdict.ok() ? 0 : 1;
        }
    }

    @Command(name = "checksums", description = "Check (or with --write, regenerate) .kata/stubs.sha256 and .kata/protected.sha256.")
    static final class ChecksumsCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Option(names = "--write", description = "Regenerate both lists from the working tree (maintainers).")
        boolean write;

        @Override
        public Integer call() throws Exception {
            Repo repo = repo();
            PrintWriter out = spec.commandLine().getOut();
            int differing = 0;
            for (Checksums.Kind kind : Checksums.Kind.values()) {
                if (write) {
                    Checksums.write(repo, kind);
                    out.println("wrote " + Checksums.relative(repo, Checksums.listFile(repo, kind)));
                    continue;
                }
                var diff = Checksums.differences(Checksums.read(repo, kind), Checksums.compute(repo, kind));
                diff.forEach((path, what) -> out.println(what + ": " + path));
                differing += diff.size();
            }
            return differing == 0 ? 0 : 1;
        }
    }
}
