package k10_thread_local;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a class is built on, read from its bytecode with ArchUnit: for tasks that name a construct
 * whose use no behaviour can show.
 */
final class BuiltOn {

    private BuiltOn() {}

    /** The classes {@code type} uses directly (fields, calls, signatures). */
    static Set<String> dependencies(Class<?> type) {
        return imported(type).getDirectDependenciesFromSelf().stream()
                .map(d -> d.getTargetClass().getName())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The methods called by {@code method} of {@code type}, and by the methods of {@code type} it
     * calls or refers to, and so on, including the code of lambdas they declare; as {@code Owner.name}.
     */
    static Set<String> callsReachableFrom(Class<?> type, String method) {
        JavaClass owner = imported(type);
        Deque<JavaCodeUnit> todo = new ArrayDeque<>(owner.getCodeUnits().stream()
                .filter(u -> u.getName().equals(method)).toList());
        Set<JavaCodeUnit> seen = new HashSet<>(todo);
        Set<String> calls = new TreeSet<>();
        while (!todo.isEmpty()) {
            JavaCodeUnit unit = todo.pop();
            // Calls and method references (this::remove) alike: both run the target.
            List<JavaCodeUnitAccess<?>> accesses = new ArrayList<>(unit.getMethodCallsFromSelf());
            accesses.addAll(unit.getMethodReferencesFromSelf());
            for (JavaCodeUnitAccess<?> call : accesses) {
                calls.add(call.getTargetOwner().getName() + "." + call.getName());
                if (call.getTargetOwner().equals(owner)) {
                    List<JavaCodeUnit> next = owner.getCodeUnits().stream()
                            .filter(u -> u.getName().equals(call.getName())).toList();
                    next.stream().filter(seen::add).forEach(todo::add);
                }
            }
        }
        return calls;
    }

    private static JavaClass imported(Class<?> type) {
        return new ClassFileImporter().importClasses(type).get(type);
    }
}
