package katatool.isolation;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Linux Landlock, through {@code java.lang.foreign}: the kernel denies a process every write to
 * the file system outside the folders it names, for the rest of its life and for every process
 * it starts. No privilege is needed (Linux 5.13 or newer, with Landlock enabled, as on Ubuntu and
 * GitHub's Linux runners).
 *
 * <p>The grader's kata JVM ({@code katatool.grade.GradeChild}) restricts itself this way before
 * any learner class is loaded, so the learner's code, and any process it starts (a shell, jshell,
 * a detached JVM), can write only in the kata's scratch folder: not in the repository, not in
 * the grader's results, not in the job summary. Reading is not restricted. A restriction applies
 * to the thread that asks and to the threads and processes it starts later; the JVM's own threads
 * started before (the garbage collector, the compiler) run no learner code, and finalizers are
 * switched off in the child.
 */
public final class Landlock {

    private static final long CREATE_RULESET = 444;
    private static final long ADD_RULE = 445;
    private static final long RESTRICT_SELF = 446;
    private static final long CREATE_RULESET_VERSION = 1;
    private static final long RULE_PATH_BENEATH = 1;
    private static final int PR_SET_NO_NEW_PRIVS = 38;
    private static final int PR_SET_DUMPABLE = 4;
    private static final int O_PATH = 0x200000;
    private static final int O_CLOEXEC = 0x80000;

    /** Every kind of write Landlock knows in its first ABI: to a file, making and removing entries. */
    private static final long WRITES_V1 = (1L << 1) | (1L << 4) | (1L << 5) | (1L << 6) | (1L << 7) | (1L << 8)
            | (1L << 9) | (1L << 10) | (1L << 11) | (1L << 12);
    private static final long REFER = 1L << 13;
    private static final long TRUNCATE = 1L << 14;

    private Landlock() {}

    /** The Landlock ABI version the kernel offers, or 0 when there is none (not Linux, too old, disabled). */
    public static int abi() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return 0;
        }
        try {
            long version = (long) syscall(FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                    ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG))
                    .invokeExact(CREATE_RULESET, MemorySegment.NULL, 0L, CREATE_RULESET_VERSION);
            return (int) Math.max(0, version);
        } catch (Throwable e) {
            return 0;
        }
    }

    /**
     * Denies this thread, the threads and processes it starts from now on, every write outside
     * {@code writable} (folders; those that do not exist are left out).
     *
     * @throws IllegalStateException if the kernel refused
     */
    /**
     * How a grade runs learner code: this JVM, and every process it starts, may write only in
     * {@code folder}, its temporary folder, {@code /dev} and the JVMs' performance data, and its
     * memory cannot be read by another process of the same user. Halts with exit code 5 if the
     * kernel refuses, since running the code unsandboxed would be worse than not running it.
     */
    public static void sandbox(Path folder) {
        try {
            restrictWrites(List.of(folder, Path.of(System.getProperty("java.io.tmpdir")),
                    Path.of("/dev"), Path.of("/tmp", "hsperfdata_" + System.getProperty("user.name"))));
        } catch (IllegalStateException e) {
            System.err.println("The sandbox could not be set up: " + e.getMessage());
            Runtime.getRuntime().halt(5);
        }
        notDumpable();
    }

    static void restrictWrites(List<Path> writable) {
        int abi = abi();
        if (abi < 1) {
            throw new IllegalStateException("Landlock is not available on this system");
        }
        long handled = WRITES_V1 | (abi >= 2 ? REFER : 0) | (abi >= 3 ? TRUNCATE : 0);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment attributes = arena.allocate(8);
            attributes.set(ValueLayout.JAVA_LONG, 0, handled);
            long ruleset = (long) syscall(FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                    ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG))
                    .invokeExact(CREATE_RULESET, attributes, 8L, 0L);
            if (ruleset < 0) {
                throw new IllegalStateException("landlock_create_ruleset failed");
            }
            MethodHandle open = Linker.nativeLinker().downcallHandle(find("open"),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            MethodHandle addRule = syscall(FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
            for (Path dir : writable) {
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                int fd = (int) open.invokeExact(arena.allocateFrom(dir.toAbsolutePath().toString()), O_PATH | O_CLOEXEC);
                if (fd < 0) {
                    throw new IllegalStateException("cannot open " + dir);
                }
                // struct landlock_path_beneath_attr is packed: the access mask, then the folder's descriptor.
                MemorySegment rule = arena.allocate(12);
                rule.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, handled);
                rule.set(ValueLayout.JAVA_INT_UNALIGNED, 8, fd);
                long added = (long) addRule.invokeExact(ADD_RULE, ruleset, RULE_PATH_BENEATH, rule, 0L);
                close(fd);
                if (added != 0) {
                    throw new IllegalStateException("landlock_add_rule failed for " + dir);
                }
            }
            MethodHandle prctl = Linker.nativeLinker().downcallHandle(find("prctl"),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG), Linker.Option.firstVariadicArg(1));
            if ((int) prctl.invokeExact(PR_SET_NO_NEW_PRIVS, 1L, 0L, 0L, 0L) != 0) {
                throw new IllegalStateException("prctl(PR_SET_NO_NEW_PRIVS) failed");
            }
            long restricted = (long) syscall(FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG)).invokeExact(RESTRICT_SELF, ruleset, 0L);
            close((int) ruleset);
            if (restricted != 0) {
                throw new IllegalStateException("landlock_restrict_self failed");
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("Landlock failed: " + e, e);
        }
    }

    /**
     * Makes this process not dumpable: {@code /proc/self/mem} and the like then belong to root, so
     * code running as an ordinary user cannot read this JVM's memory through them (where the
     * grader's nonce is). Processes it starts are dumpable again (exec resets it).
     */
    static void notDumpable() {
        try {
            MethodHandle prctl = Linker.nativeLinker().downcallHandle(find("prctl"),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG), Linker.Option.firstVariadicArg(1));
            int ignored = (int) prctl.invokeExact(PR_SET_DUMPABLE, 0L, 0L, 0L, 0L);
        } catch (Throwable e) {
            // the sandbox's write restriction is what matters; this is a second line
        }
    }

    private static void close(int fd) throws Throwable {
        int ignored = (int) Linker.nativeLinker().downcallHandle(find("close"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT)).invokeExact(fd);
    }

    /** libc's {@code syscall}, whose arguments after the number are variadic: all passed as 64-bit values. */
    private static MethodHandle syscall(FunctionDescriptor descriptor) {
        return Linker.nativeLinker().downcallHandle(find("syscall"), descriptor, Linker.Option.firstVariadicArg(1));
    }

    private static MemorySegment find(String function) {
        return Linker.nativeLinker().defaultLookup().find(function)
                .orElseThrow(() -> new IllegalStateException("no " + function + " in the C library"));
    }
}
