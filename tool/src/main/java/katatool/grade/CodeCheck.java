package katatool.grade;

import java.io.IOException;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.Instruction;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.SourceFileAttribute;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.ConstantDynamicEntry;
import java.lang.classfile.constantpool.MemberRefEntry;
import java.lang.classfile.constantpool.MethodHandleEntry;
import java.lang.classfile.constantpool.MethodTypeEntry;
import java.lang.classfile.constantpool.NameAndTypeEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.DirectMethodHandleDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A static check of the learner's compiled classes, made before any of them runs: it refuses the
 * calls that graded code has no business making, each with a sentence naming the call and the file.
 *
 * <p>What is refused: halting the JVM and shutdown hooks (a kata's JVM must end through the
 * runner); stack walking and thread dumps (code that looks for the test framework on the stack
 * gives canned answers); reflection, method handles and class loading (they reach the runner);
 * replacing {@code System.out}, {@code err} or {@code in}, and changing system properties;
 * reading system properties other than a few harmless ones, or the environment; writing files;
 * native code and JDK internals; starting processes; deserialisation. A kata that teaches processes
 * permits processes, halting a child JVM, writing files (any program it starts could) and the two
 * properties a child JVM's command needs ({@code java.home}, {@code java.class.path}); the kata
 * that measures CPU time may also switch the thread MXBean's CPU clock on. See {@link #PERMITS}.
 * Any kata may read its pid, the core count and threads' CPU times through java.management, and
 * nothing else of it ({@link #MANAGEMENT_READS}).
 *
 * <p>The check reads every member the class refers to in its constant pool (a call, a field, a
 * method handle of a lambda all name their member there), so a call cannot hide behind a method
 * reference. Given code, handed out complete and covered by the digests, is not checked.
 *
 * <p>Before the calls, two rules that keep the list of calls complete. The learner's classes
 * must be in the kata's package: a class in another package (a library's, the tool's, the
 * tests' framework's) would be compiled against and then replaced at run time by the real class
 * of that name, and could throw the test framework's "skipped" exception. And every class they
 * refer to must be their kata's own or the Java platform's base module ({@code java.base},
 * exported packages; and {@code java.logging}, whose configuration is refused): a library on the class path (the tool, JUnit, AssertJ, Awaitility,
 * Jackson) or another JDK module ({@code jdk.jshell}, {@code java.beans}' expressions,
 * {@code com.sun.management}'s heap dumps, {@code java.logging}'s file handlers) does what the
 * refused calls do under names no list of calls can foresee.
 */
final class CodeCheck {

    /** What a kata may do beyond the default; the reference solutions need exactly these. */
    static final Map<String, Set<String>> PERMITS = Map.of(
            "k01_spawn", Set.of("process"),
            "k02_pool", Set.of("process"),
            "k03_subprocess", Set.of("process"),
            "k04_queue", Set.of("process"),
            "k05_no_shared_memory", Set.of("process"),
            "k09_parallelism", Set.of("cpu-time"),
            "k11_crash_isolation", Set.of("process"));

    /** With the "cpu-time" permit: threads' CPU times, and nothing else of the thread MXBean (no thread dumps). */
    private static final Set<String> CPU_TIME = Set.of("getThreadMXBean", "isCurrentThreadCpuTimeSupported",
            "isThreadCpuTimeSupported", "isThreadCpuTimeEnabled", "setThreadCpuTimeEnabled", "getCurrentThreadCpuTime",
            "getCurrentThreadUserTime", "getThreadCpuTime", "getThreadUserTime");

    /**
     * What any kata's code may ask java.management, per type: the facts a learner finds first when
     * looking up a pid, a core count or a thread's CPU time (the pre-Java 9 pid idiom is
     * {@code getRuntimeMXBean().getName()}). Nothing that lists arguments, properties, the class
     * path or threads, and no setter.
     */
    private static final Map<String, Set<String>> MANAGEMENT_READS = Map.of(
            "java/lang/management/ManagementFactory", Set.of("getRuntimeMXBean", "getOperatingSystemMXBean", "getThreadMXBean"),
            "java/lang/management/RuntimeMXBean", Set.of("getName", "getPid", "getUptime", "getStartTime", "getVmName",
                    "getVmVendor", "getVmVersion", "getSpecVersion"),
            "java/lang/management/OperatingSystemMXBean", Set.of("getAvailableProcessors", "getSystemLoadAverage", "getName",
                    "getArch", "getVersion"),
            "java/lang/management/ThreadMXBean", Set.of("isCurrentThreadCpuTimeSupported", "isThreadCpuTimeSupported",
                    "isThreadCpuTimeEnabled", "getCurrentThreadCpuTime", "getCurrentThreadUserTime", "getThreadCpuTime",
                    "getThreadUserTime"));

    /** Properties any code may read: none says where it runs or what runs it. */
    private static final Set<String> PROPERTIES = Set.of("line.separator", "file.separator", "path.separator",
            "os.name", "os.arch", "java.version", "java.specification.version", "file.encoding", "native.encoding",
            "stdout.encoding", "stderr.encoding", "sun.jnu.encoding");

    /** With the "process" permit: what a child JVM's command needs. */
    private static final Set<String> PROCESS_PROPERTIES = Set.of("java.home", "java.class.path", "java.io.tmpdir", "user.dir");

    private static final Set<String> BOOTSTRAP_OWNERS = Set.of("java/lang/invoke/LambdaMetafactory",
            "java/lang/invoke/StringConcatFactory");

    private static final Set<String> CLASS_METHODS = Set.of("getName", "getSimpleName", "getCanonicalName",
            "getPackageName", "getTypeName", "isInstance", "cast", "desiredAssertionStatus", "isInterface", "isArray",
            "isPrimitive", "isRecord", "isEnum", "isAssignableFrom", "getComponentType", "componentType", "arrayType",
            "getEnumConstants", "hashCode", "equals", "toString", "describeConstable", "descriptorString");

    private static final Set<String> FILES_READ = Set.of("exists", "notExists", "isDirectory", "isRegularFile",
            "isReadable", "isSameFile", "isHidden", "isSymbolicLink", "size", "readAllBytes", "readString",
            "readAllLines", "lines", "list", "walk", "find", "newBufferedReader", "newInputStream",
            "getLastModifiedTime", "probeContentType");

    private static final Set<String> FILE_WRITES = Set.of("createNewFile", "delete", "deleteOnExit", "mkdir", "mkdirs",
            "renameTo", "setLastModified", "setReadOnly", "setWritable", "setReadable", "setExecutable", "createTempFile");

    /**
     * The modules graded code may use: the JDK's base, and its logging (a correct solution may log;
     * its configuration, which names classes to load, is refused below). The JDK's others, and
     * every library, are refused whole.
     */
    private static final List<Module> MODULES = List.of(Object.class.getModule(), java.util.logging.Logger.class.getModule());

    /** With the "cpu-time" permit: the two types of java.management the CPU clock needs (their calls are listed in {@link #CPU_TIME}). */
    private static final Set<String> CPU_TIME_TYPES = Set.of("java/lang/management/ManagementFactory",
            "java/lang/management/ThreadMXBean");

    /** A class name inside a descriptor or a signature. */
    private static final Pattern NAME_IN_DESCRIPTOR = Pattern.compile("L([^;<>\\[()]+)[;<]");

    private CodeCheck() {}

    /**
     * Refusals for the learner's classes of one kata, one sentence each; empty when all may run.
     *
     * @param classes the folder of the kata's compiled code (learner's and given)
     * @param learnerSources the folder of the learner's sources of the kata
     * @param givenSources the folder of the kata's given sources
     */
    static List<String> check(String kata, Path classes, Path learnerSources, Path givenSources) throws IOException {
        Set<String> learnerFiles = fileNames(learnerSources);
        Set<String> givenFiles = fileNames(givenSources);
        Set<String> permits = PERMITS.getOrDefault(kata, Set.of());
        Set<String> found = new LinkedHashSet<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        List<ClassModel> models = new java.util.ArrayList<>();
        Set<String> own = new java.util.HashSet<>();
        for (Path file : files) {
            ClassModel model = ClassFile.of().parse(Files.readAllBytes(file));
            models.add(model);
            own.add(model.thisClass().asInternalName());
        }
        for (ClassModel model : models) {
            String internal = model.thisClass().asInternalName();
            String pkg = internal.contains("/") ? internal.substring(0, internal.lastIndexOf('/') + 1) : "";
            Optional<String> source = model.findAttribute(Attributes.sourceFile())
                    .map(SourceFileAttribute::sourceFile).map(u -> u.stringValue());
            // Given code is trusted; a learner file of the same name (which javac would pair with
            // it) is not, so such a class is checked too.
            if (source.isPresent() && givenFiles.contains(source.get()) && !learnerFiles.contains(source.get())) {
                continue;
            }
            String where = "katas/src/main/java/" + pkg + source.orElse(internal.substring(pkg.length()) + ".java");
            if (model.isModuleInfo()) {
                continue; // on the class path a module declaration is ignored; what the module's classes use is checked
            }
            if (!internal.startsWith(kata + "/")) { // portability: allowed (class names, not paths)
                found.add(where + " declares " + internal.replace('/', '.') + ", outside the kata's package " + kata
                        + " (a class named like a library's or the tests' own would stand in for it), which graded code may not do");
                continue;
            }
            for (String name : referencedClasses(model)) {
                if (!own.contains(name) && !inBase(name) && !MANAGEMENT_READS.containsKey(name)
                        && !(permits.contains("cpu-time") && CPU_TIME_TYPES.contains(name))) {
                    found.add(where + " uses " + name.replace('/', '.') + ", which is neither the kata's own code nor"
                            + " the Java platform's base module (java.base, java.logging, or java.management's pid, core count and CPU"
                            + " times): graded code may not use"
                            + " libraries, the tool or other modules of the JDK");
                }
            }
            if (model.methods().stream().anyMatch(m -> m.methodName().equalsString("equals")
                    && m.methodType().equalsString("(Ljava/lang/Object;)Z") && !generatedEquals(m))) {
                // The tests compare what the code returns with equals: one that always says yes passes them all.
                found.add(where + " declares equals(Object) in " + internal.replace('/', '.') + ", which graded code may"
                        + " not do (a record's own equals, which compares its fields, is generated for you and allowed)");
            }
            new Scan(where, permits, found).scan(model);
        }
        return List.copyOf(found);
    }

    /** Whether this equals is the one javac writes for a record: one invokedynamic of java.lang.runtime.ObjectMethods. */
    private static boolean generatedEquals(MethodModel method) {
        return method.code().map(code -> code.elementList().stream().anyMatch(e -> e instanceof InvokeDynamicInstruction indy
                && indy.bootstrapMethod().owner().descriptorString().equals("Ljava/lang/runtime/ObjectMethods;"))
                && code.elementList().stream().filter(Instruction.class::isInstance).count() <= 5).orElse(false);
    }

    /**
     * Every class the class names: in its constant pool (classes, members' and method types'
     * descriptors) and in its own fields' and methods' descriptors.
     */
    static Set<String> referencedClasses(ClassModel model) {
        Set<String> names = new java.util.TreeSet<>();
        for (PoolEntry entry : model.constantPool()) {
            switch (entry) {
                case ClassEntry c -> {
                    String name = c.asInternalName();
                    if (name.startsWith("[")) {
                        descriptorNames(name, names);
                    } else {
                        names.add(name);
                    }
                }
                case NameAndTypeEntry nat -> descriptorNames(nat.type().stringValue(), names);
                case MethodTypeEntry type -> descriptorNames(type.descriptor().stringValue(), names);
                default -> { }
            }
        }
        model.fields().forEach(f -> descriptorNames(f.fieldType().stringValue(), names));
        model.methods().forEach(m -> descriptorNames(m.methodType().stringValue(), names));
        return names;
    }

    private static void descriptorNames(String descriptor, Set<String> names) {
        Matcher m = NAME_IN_DESCRIPTOR.matcher(descriptor);
        while (m.find()) {
            names.add(m.group(1));
        }
    }

    /** A class of a package that java.base (or java.logging) exports to everyone. */
    private static boolean inBase(String internalName) {
        int slash = internalName.lastIndexOf('/');
        String pkg = slash < 0 ? "" : internalName.substring(0, slash).replace('/', '.');
        return MODULES.stream().anyMatch(m -> m.getPackages().contains(pkg) && m.isExported(pkg));
    }

    private static Set<String> fileNames(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".java")).map(p -> p.getFileName().toString())
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    /** One class's scan. */
    private record Scan(String where, Set<String> permits, Set<String> found) {

        void scan(ClassModel model) {
            String superclass = model.superclass().map(c -> c.asInternalName()).orElse("");
            if (superclass.endsWith("ClassLoader")) {
                refuse("extends " + superclass.replace('/', '.'), "class loading");
            }
            for (PoolEntry entry : model.constantPool()) {
                if (entry instanceof MemberRefEntry m) {
                    String owner = m.owner().asInternalName();
                    String name = m.name().stringValue();
                    if (!(owner.equals("java/lang/System") && name.equals("getProperty"))) {
                        member(owner, name, m.type().stringValue());
                    }
                } else if (entry instanceof ConstantDynamicEntry) {
                    refuse("a dynamic constant (condy)", "reflection");
                }
            }
            for (MethodModel method : model.methods()) {
                method.code().ifPresent(code -> {
                    Optional<Object> constant = Optional.empty();
                    Optional<Object> previous = Optional.empty();
                    for (CodeElement element : code) {
                        switch (element) {
                            case InvokeInstruction call when readsProperty(call.owner().asInternalName(), call.name().stringValue()) -> {
                                // getProperty(key, default), getInteger(key, default): the key is the
                                // constant before the default's, and only when both are constants.
                                boolean withDefault = call.typeSymbol().parameterCount() == 2;
                                property(withDefault ? (constant.isPresent() ? previous : Optional.empty()) : constant);
                            }
                            case ConstantInstruction c when c.constantValue() instanceof DirectMethodHandleDesc h
                                    && readsProperty(h) -> property(Optional.empty());
                            case InvokeDynamicInstruction indy -> {
                                String owner = indy.bootstrapMethod().owner().descriptorString();
                                owner = owner.substring(1, owner.length() - 1);
                                if (!BOOTSTRAP_OWNERS.contains(owner) && !owner.startsWith("java/lang/runtime/")) {
                                    refuse("an invokedynamic bootstrapped by " + owner.replace('/', '.'), "reflection");
                                }
                                for (var arg : indy.bootstrapArgs()) {
                                    if (arg instanceof DirectMethodHandleDesc h && readsProperty(h)) {
                                        property(Optional.empty());
                                    }
                                }
                            }
                            default -> { }
                        }
                        if (element instanceof Instruction) { // labels and line numbers sit between instructions
                            previous = constant;
                            constant = element instanceof ConstantInstruction c ? Optional.of(c.constantValue()) : Optional.empty();
                        }
                    }
                });
            }
        }

        /** A method handle to a call that reads a system property. */
        private static boolean readsProperty(DirectMethodHandleDesc handle) {
            String owner = handle.owner().descriptorString();
            return readsProperty(owner.substring(1, owner.length() - 1), handle.methodName());
        }

        /** The calls that read a system property by its key. */
        private static boolean readsProperty(String owner, String name) {
            return owner.equals("java/lang/System") && name.equals("getProperty")
                    || owner.equals("java/lang/Integer") && name.equals("getInteger")
                    || owner.equals("java/lang/Long") && name.equals("getLong")
                    || owner.equals("java/lang/Boolean") && name.equals("getBoolean");
        }

        private void property(Optional<Object> key) {
            if (key.isPresent() && key.get() instanceof String k
                    && (PROPERTIES.contains(k) || permits.contains("process") && PROCESS_PROPERTIES.contains(k))) {
                return;
            }
            refuse("System.getProperty(" + key.map(k -> '"' + String.valueOf(k) + '"').orElse("a key computed at run time") + ")",
                    "reading a system property outside the allowed ones");
        }

        private void member(String owner, String name, String type) {
            String call = owner.replace('/', '.').replace('$', '.') + "." + name;
            boolean process = permits.contains("process");
            if (owner.equals("java/lang/System") || owner.equals("java/lang/Runtime")) {
                switch (name) {
                    case "exit", "halt" -> {
                        if (!process) {
                            refuse(call, "halting the JVM");
                        }
                    }
                    case "addShutdownHook", "removeShutdownHook" -> refuse(call, "a shutdown hook");
                    case "setOut", "setErr", "setIn" -> refuse(call, "replacing System.out, System.err or System.in");
                    case "setProperty", "clearProperty", "setProperties", "getProperties", "getenv" ->
                            refuse(call, "reading or changing the system properties or the environment");
                    case "load", "loadLibrary", "mapLibraryName" -> refuse(call, "native code");
                    case "exec" -> {
                        if (!process) {
                            refuse(call, "starting a process");
                        }
                    }
                    default -> { }
                }
            }
            if (name.equals("getStackTrace") || name.equals("getAllStackTraces") || name.equals("setStackTrace")
                    || name.equals("printStackTrace") && !type.startsWith("()")
                    || owner.startsWith("java/lang/StackWalker") || owner.equals("java/lang/StackTraceElement")
                    || owner.startsWith("javax/management/")
                    || owner.startsWith("com/sun/management/") || owner.startsWith("jdk/management/")) {
                refuse(call, "stack walking or thread dumps");
            }
            if (owner.startsWith("java/lang/management/") && !MANAGEMENT_READS.getOrDefault(owner, Set.of()).contains(name)
                    && !(permits.contains("cpu-time") && CPU_TIME.contains(name)
                    && (owner.equals("java/lang/management/ManagementFactory") || owner.equals("java/lang/management/ThreadMXBean")))) {
                refuse(call, "java.management beyond the pid, the core count and threads' CPU times (it lists arguments,"
                        + " properties and threads)");
            }
            if (owner.startsWith("java/lang/reflect/")
                    || owner.startsWith("java/lang/invoke/") && !BOOTSTRAP_OWNERS.contains(owner) && !varHandle(owner, name)
                    || owner.equals("java/lang/Class") && !CLASS_METHODS.contains(name)
                    || owner.endsWith("ClassLoader") || owner.equals("java/lang/Module") || owner.equals("java/lang/ModuleLayer")
                    || owner.equals("java/util/ServiceLoader") || owner.equals("java/lang/Thread") && name.endsWith("ContextClassLoader")
                    || name.equals("getResource") || name.equals("getResourceAsStream") || name.equals("getResources")) {
                refuse(call, "reflection or class loading");
            }
            if (owner.startsWith("java/lang/foreign/") || owner.startsWith("sun/") || owner.startsWith("jdk/internal/")
                    || owner.startsWith("java/lang/instrument/") || owner.startsWith("com/sun/tools/attach/")
                    || owner.startsWith("com/sun/jdi/")) {
                refuse(call, "native memory, JDK internals or agents");
            }
            if (owner.equals("java/util/logging/LogManager") || owner.equals("java/util/logging/Handler")
                    && name.equals("setOutputStream")) {
                refuse(call, "logging configuration, which loads classes by name and opens files");
            }
            if (owner.equals("java/io/ObjectInputStream")) {
                refuse(call, "deserialisation, which makes objects of any class on the class path by name");
            }
            if (owner.equals("java/io/FileDescriptor")) {
                refuse(call, "the JVM's own standard streams");
            }
            boolean fileFirst = type.startsWith("(Ljava/lang/String;") || type.startsWith("(Ljava/io/File;");
            // A kata that may start processes may write files (a child's output to a file is a way to
            // collect it): any program it starts could write them anyway. The sandbox bounds both.
            if (!process && (owner.equals("java/io/FileOutputStream") || owner.equals("java/io/FileWriter")
                    || owner.equals("java/io/RandomAccessFile")
                    || (owner.equals("java/io/PrintWriter") || owner.equals("java/io/PrintStream") || owner.equals("java/util/Formatter"))
                            && name.equals("<init>") && fileFirst
                    || owner.equals("java/nio/file/Files") && !FILES_READ.contains(name)
                    || owner.equals("java/io/File") && FILE_WRITES.contains(name)
                    || owner.equals("java/nio/channels/FileChannel") || owner.equals("java/nio/channels/AsynchronousFileChannel")
                    || owner.startsWith("java/nio/file/spi/") || owner.equals("java/util/logging/FileHandler")
                    || owner.startsWith("java/util/prefs/"))) {
                refuse(call, "writing files");
            }
            if (!process && (owner.equals("java/lang/ProcessBuilder") || owner.startsWith("java/lang/ProcessBuilder$")
                    || owner.equals("java/lang/ProcessHandle") || owner.startsWith("java/lang/ProcessHandle$")
                    || owner.equals("java/lang/Process"))) {
                refuse(call, "starting or inspecting processes");
            }
        }

        /**
         * VarHandles are a concurrency tool (acquire/release, compare-and-set): a class may make
         * them for its own fields and arrays, and use them. Nothing else of method handles (a
         * lookup could find any method by a name built at run time).
         */
        private static boolean varHandle(String owner, String name) {
            return owner.equals("java/lang/invoke/VarHandle")
                    || owner.equals("java/lang/invoke/MethodHandles") && (name.equals("lookup") || name.equals("arrayElementVarHandle"))
                    || owner.equals("java/lang/invoke/MethodHandles$Lookup") && (name.equals("findVarHandle") || name.equals("findStaticVarHandle"));
        }

        private void refuse(String call, String what) {
            found.add(where + " calls " + call + " (" + what + "), which graded code may not do in this kata");
        }
    }
}
