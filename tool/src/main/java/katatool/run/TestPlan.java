package katatool.run;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The grader's own list of a kata's tests, made in the grader's JVM before any learner code runs:
 * it fixes which tests exist and so the maximum, and a child's report is checked against it.
 *
 * <p>Listing loads the test classes and the learner's classes without initialising them, so no
 * learner code runs. Tests are ordered as they appear in their test files (files by name), as
 * Exercism's results have them, and carry their source code ({@code test_code}).
 */
public final class TestPlan {

    /**
     * One planned test.
     *
     * @param id the JUnit unique id
     * @param name display names from the test class down, joined by " › "
     * @param template a parameterized or repeated test, whose invocations are reported under its id
     * @param className the test's class, for its place in the file
     * @param method the test method's name, for its source
     * @param declaringClass the class that declares the method (a superclass or interface for an
     *     inherited test), for its source
     */
    public record Planned(String id, String name, Set<String> tags, boolean template, String className, String method,
                   String declaringClass) {}

    private TestPlan() {}

    public static List<Planned> discover(String kata, KataCompiler.Output classes, Path testResources) throws IOException {
        Thread me = Thread.currentThread();
        ClassLoader previous = me.getContextClassLoader();
        List<Planned> tests = new ArrayList<>();
        try (URLClassLoader loader = new URLClassLoader("plan-" + kata,
                urls(List.of(classes.mainClasses(), classes.testClasses(), testResources)), TestPlan.class.getClassLoader())) {
            me.setContextClassLoader(loader);
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectPackage(kata))
                    .configurationParameters(TestRunner.katasConfiguration(testResources)).build();
            org.junit.platform.launcher.TestPlan plan = LauncherFactory.create().discover(request);
            for (TestIdentifier root : plan.getRoots()) {
                for (TestIdentifier t : plan.getDescendants(root)) {
                    Optional<MethodSource> source = t.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast);
                    boolean template = !t.isTest() && source.isPresent();
                    if (t.isTest() || template) {
                        String className = source.map(MethodSource::getClassName).orElse("");
                        String declaring;
                        try {
                            // loads the class (already loaded by discovery), never initialises it
                            declaring = source.map(s -> s.getJavaMethod().getDeclaringClass().getName()).orElse(className);
                        } catch (RuntimeException e) {
                            declaring = className;
                        }
                        tests.add(new Planned(t.getUniqueId(), name(plan, t), tags(plan, t), template,
                                className, source.map(MethodSource::getMethodName).orElse(""), declaring));
                    }
                }
            }
        } finally {
            me.setContextClassLoader(previous);
        }
        return tests;
    }

    /** The tests in the order of their test files: files by name, then by where each method is declared. */
    public static List<Planned> inFileOrder(List<Planned> tests, Path testRoot) {
        Map<String, String> texts = new HashMap<>();
        // A test inherited from elsewhere (a contract shared by several classes) comes after the
        // class's own tests, in the order of the file that declares it.
        Comparator<Planned> order = Comparator.comparing((Planned p) -> topLevel(p.className()))
                .thenComparingInt(p -> classPosition(p.className(), source(texts, testRoot, p.className())))
                .thenComparing(p -> !p.declaringClass().equals(p.className()))
                .thenComparingInt(p -> position(p, source(texts, testRoot, p.declaringClass())));
        return tests.stream().sorted(order).toList();
    }

    /** The test method's source, from its declaration to its closing brace; empty if not found. */
    public static String testCode(Planned test, Path testRoot) {
        String text = source(new HashMap<>(), testRoot, test.declaringClass());
        int at = position(test, text);
        if (at == Integer.MAX_VALUE) {
            return "";
        }
        int open = text.indexOf('{', at);
        if (open < 0) {
            return "";
        }
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') { // skip literals, whose braces do not count
                int end = text.startsWith("\"\"\"", i) ? text.indexOf("\"\"\"", i + 3) + 2 : skipLiteral(text, i, c);
                i = Math.max(i, end);
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return text.substring(open + 1, i).stripIndent().strip();
            }
        }
        return "";
    }

    private static int skipLiteral(String text, int start, char quote) {
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote || c == '\n') {
                return i;
            }
        }
        return text.length();
    }

    private static String topLevel(String className) {
        int dollar = className.indexOf('$');
        return dollar < 0 ? className : className.substring(0, dollar);
    }

    private static String source(Map<String, String> cache, Path testRoot, String className) {
        return cache.computeIfAbsent(topLevel(className), top -> {
            try {
                return Files.readString(testRoot.resolve(top.replace('.', '/') + ".java"), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                return "";
            }
        });
    }

    /** Where a (nested) class is declared in its file: after each enclosing class's declaration. */
    private static int classPosition(String className, String text) {
        int from = 0;
        String[] nested = className.split("\\$");
        for (int i = 1; i < nested.length; i++) {
            int at = text.indexOf("class " + nested[i], from);
            if (at < 0) {
                at = text.indexOf("interface " + nested[i], from);
            }
            if (at >= 0) {
                from = at;
            }
        }
        return from;
    }

    /** Where the method is declared in its declaring class's file: its name and a parenthesis, after the class's declaration. */
    private static int position(Planned test, String text) {
        int from = classPosition(test.declaringClass(), text);
        int at = text.indexOf(" " + test.method() + "(", from);
        return at < 0 || test.method().isEmpty() ? Integer.MAX_VALUE : at;
    }

    private static String name(org.junit.platform.launcher.TestPlan plan, TestIdentifier id) {
        List<String> names = new ArrayList<>();
        for (Optional<TestIdentifier> at = Optional.of(id); at.isPresent(); at = plan.getParent(at.get())) {
            if (at.get().getParentIdObject().isPresent()) {
                names.addFirst(at.get().getDisplayName());
            }
        }
        return String.join(" › ", names);
    }

    private static Set<String> tags(org.junit.platform.launcher.TestPlan plan, TestIdentifier id) {
        Set<String> tags = new TreeSet<>();
        for (Optional<TestIdentifier> at = Optional.of(id); at.isPresent(); at = plan.getParent(at.get())) {
            at.get().getTags().stream().map(TestTag::getName).forEach(tags::add);
        }
        return tags;
    }

    private static URL[] urls(List<Path> roots) {
        return roots.stream().map(p -> {
            try {
                return p.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(e);
            }
        }).toArray(URL[]::new);
    }
}
