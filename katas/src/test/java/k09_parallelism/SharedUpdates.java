package k09_parallelism;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.Instruction;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds, in a class's bytecode, a number that several threads could update with a read and a
 * separate write: {@code total += count} on a field, {@code total[0] += count} on one shared
 * array slot, or {@code total.set(total.get() + count)} on an atomic.
 *
 * <p>Two workers that read the same old total both write back their own sum, and one count is
 * lost. The window is a few nanoseconds, so no run can be relied on to show it; the bytecode
 * shows it on every run. Code that holds a lock or a monitor while it updates (a
 * {@code synchronized} method or block, or a {@code java.util.concurrent.locks} lock) is not
 * reported, nor is the method that the caller runs ({@code countBelow}, {@code measure}), which
 * may add up the workers' results after joining them. Nor is an instance field that a nested
 * class updates in itself ({@code class Counter extends Thread { long count; ... count++; }}): the
 * classic Java shape gives each worker its own such object, read by the caller after the join. (A
 * nested holder object that all workers share would slip through here; a static field, or a field
 * of the class under test, does not.)
 */
final class SharedUpdates {

    private SharedUpdates() {}

    /** Where {@code type} and the classes nested in it update a shared number unsafely, as sentences. */
    static List<String> in(Class<?> type, String callersMethod) {
        List<String> found = new ArrayList<>();
        for (ClassModel model : models(type)) {
            for (MethodModel method : model.methods()) {
                String name = method.methodName().stringValue();
                if (name.equals(callersMethod) || name.equals("<init>") || name.equals("<clinit>")
                        || method.flags().has(AccessFlag.SYNCHRONIZED)) {
                    continue;
                }
                // A nested class's own fields: the classic Java worker (a Thread subclass or a task
                // object per thread) counts in them. The class under test's fields stay shared: all
                // its workers see the one instance, even when it is itself the Runnable.
                String own = model.thisClass().asInternalName().equals(type.getName().replace('.', '/'))
                        ? null : model.thisClass().asInternalName();
                method.code().ifPresent(code -> found.addAll(unsafeUpdates(code.elementList(), own)));
            }
        }
        return found;
    }

    /** @param ownFields a nested class whose own instance fields are each worker's alone, or null */
    private static List<String> unsafeUpdates(List<CodeElement> code, String ownFields) {
        List<Instruction> instructions = code.stream()
                .filter(Instruction.class::isInstance).map(Instruction.class::cast).toList();
        boolean locked = instructions.stream().anyMatch(i -> i.opcode() == Opcode.MONITORENTER
                || i instanceof InvokeInstruction call
                        && call.owner().asInternalName().startsWith("java/util/concurrent/locks/")
                        && call.name().stringValue().startsWith("lock"));
        if (locked) {
            return List.of();
        }
        Set<String> found = new LinkedHashSet<>();
        Set<String> fieldsRead = new HashSet<>();
        Set<String> atomicsRead = new HashSet<>();
        for (int i = 0; i < instructions.size(); i++) {
            Instruction in = instructions.get(i);
            if (in instanceof FieldInstruction field && isNumber(field.typeSymbol().descriptorString())) {
                String key = field.owner().asInternalName() + "." + field.name().stringValue();
                switch (field.opcode()) {
                    case GETFIELD, GETSTATIC -> fieldsRead.add(key);
                    case PUTFIELD, PUTSTATIC -> {
                        boolean workersOwn = field.opcode() == Opcode.PUTFIELD && field.owner().asInternalName().equals(ownFields);
                        if (fieldsRead.contains(key) && !workersOwn) {
                            found.add("the field " + field.name().stringValue() + " is read, changed and written back"
                                    + " (" + field.name().stringValue() + " += ...)");
                        }
                    }
                    default -> { }
                }
            }
            // a[0] += v compiles to: push a, push the constant 0, DUP2, IALOAD, ..., IASTORE.
            if (in.opcode() == Opcode.DUP2 && i > 0 && i + 1 < instructions.size()
                    && instructions.get(i - 1) instanceof ConstantInstruction
                    && isArrayLoad(instructions.get(i + 1).opcode())) {
                found.add("one slot of a shared array, always the same index, is read, changed and written back"
                        + " (total[0] += ...)");
            }
            if (in instanceof InvokeInstruction call && call.owner().asInternalName().startsWith("java/util/concurrent/atomic/Atomic")) {
                String owner = call.owner().asInternalName().substring("java/util/concurrent/atomic/".length());
                String name = call.name().stringValue();
                if (name.equals("get") || name.equals("intValue") || name.equals("longValue")) {
                    atomicsRead.add(owner);
                } else if ((name.equals("set") || name.equals("lazySet")) && atomicsRead.contains(owner)) {
                    found.add("an " + owner + " is read with get() and written with set(), two steps"
                            + " (total.set(total.get() + ...))");
                }
            }
        }
        return List.copyOf(found);
    }

    private static boolean isNumber(String descriptor) {
        return descriptor.length() == 1 && "BSIJFD".contains(descriptor);
    }

    private static boolean isArrayLoad(Opcode opcode) {
        return opcode == Opcode.IALOAD || opcode == Opcode.LALOAD || opcode == Opcode.DALOAD || opcode == Opcode.FALOAD;
    }

    /** The class and every class nested in it (lambdas are methods of the class itself). */
    private static List<ClassModel> models(Class<?> type) {
        List<ClassModel> models = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(List.of(type.getName()));
        while (!todo.isEmpty()) {
            String name = todo.removeLast();
            if (!seen.add(name)) {
                continue;
            }
            ClassModel model = read(type, name);
            if (model == null) {
                continue;
            }
            models.add(model);
            model.findAttribute(java.lang.classfile.Attributes.innerClasses()).ifPresent(inner -> inner.classes()
                    .forEach(c -> {
                        String nested = c.innerClass().asInternalName().replace('/', '.');
                        if (nested.startsWith(type.getName() + "$")) {
                            todo.add(nested);
                        }
                    }));
        }
        return models;
    }

    private static ClassModel read(Class<?> type, String className) {
        String resource = "/" + className.replace('.', '/') + ".class"; // portability: allowed (a resource name)
        try (InputStream in = type.getResourceAsStream(resource)) {
            return in == null ? null : ClassFile.of().parse(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}
