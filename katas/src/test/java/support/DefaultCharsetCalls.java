package support;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.NestMembersAttribute;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.instruction.InvokeInstruction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds the calls in compiled code that turn bytes into text, or text into bytes, in the
 * platform's default charset because they name none.
 *
 * <p>Behaviour cannot show this mistake on JDK 18 and later, whose default charset is UTF-8 on
 * every platform unless the JVM is started otherwise, so a test of text alone passes; the same code
 * on a JVM started with another {@code file.encoding}, or an older JDK, garbles the text. The
 * tests therefore look at the class file: every JDK method and constructor in {@link #DEFAULTING}
 * has an overload that takes a charset, and any of those is accepted.
 */
public final class DefaultCharsetCalls {

    /** owner.name descriptor of the calls that use the default charset. */
    static final Set<String> DEFAULTING = Set.of(
            "java/lang/String.<init>([B)V",
            "java/lang/String.<init>([BII)V",
            "java/lang/String.getBytes()[B",  // portability: allowed (names the call it looks for)
            "java/io/InputStreamReader.<init>(Ljava/io/InputStream;)V",
            "java/io/OutputStreamWriter.<init>(Ljava/io/OutputStream;)V",
            "java/io/ByteArrayOutputStream.toString()Ljava/lang/String;",
            "java/util/Scanner.<init>(Ljava/io/InputStream;)V",
            "java/io/PrintStream.<init>(Ljava/io/OutputStream;)V",
            "java/io/PrintStream.<init>(Ljava/io/OutputStream;Z)V",
            "java/lang/Process.inputReader()Ljava/io/BufferedReader;",
            "java/lang/Process.errorReader()Ljava/io/BufferedReader;",
            "java/lang/Process.outputWriter()Ljava/io/BufferedWriter;");

    private DefaultCharsetCalls() {}

    /**
     * The calls in {@code type}, and in the classes nested in it (lambdas included), that use the
     * default charset, each as {@code Class.method calls owner.name descriptor}.
     *
     * @throws IOException if a class file cannot be read
     */
    public static List<String> in(Class<?> type) throws IOException {
        List<String> found = new ArrayList<>();
        ClassModel top = read(type, type.getName());
        List<ClassModel> models = new ArrayList<>(List.of(top));
        for (var attribute : top.findAttributes(java.lang.classfile.Attributes.nestMembers())) {
            for (ClassEntry member : ((NestMembersAttribute) attribute).nestMembers()) {
                models.add(read(type, member.asInternalName().replace('/', '.')));
            }
        }
        for (ClassModel model : models) {
            for (MethodModel method : model.methods()) {
                method.code().ifPresent(code -> code.forEach(element -> {
                    if (element instanceof InvokeInstruction call) {
                        String target = call.owner().asInternalName() + "." + call.name().stringValue()
                                + call.type().stringValue();
                        if (DEFAULTING.contains(target)) {
                            found.add(model.thisClass().asInternalName().replace('/', '.') + "." + method.methodName().stringValue()
                                    + " calls " + target);
                        }
                    }
                }));
            }
        }
        return found;
    }

    private static ClassModel read(Class<?> anchor, String className) throws IOException {
        String resource = "/" + className.replace('.', '/') + ".class";  // portability: allowed (a class-path resource name, not a file path)
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no class file " + resource);
            }
            return ClassFile.of().parse(in.readAllBytes());
        }
    }
}
