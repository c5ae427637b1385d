package cadl.kernel;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.HashSet;
import java.util.Set;

/**
 * The interrupt check that cell code calls: {@link #insert(byte[])} puts a call to
 * {@link #check()} at the start of every method a cell declares and before every backward
 * branch (every loop iteration), so an interrupt ends a cell's loop on any JDK, without
 * {@code Thread.stop} (gone since JDK 20). JShell's own local engine does the same on JDK 21+.
 */
public final class StopChecks {

    private static final String OWNER = StopChecks.class.getName().replace('.', '/');
    private static volatile boolean warned;

    private StopChecks() {
    }

    /**
     * Throws {@link CellInterrupted} when the cell running on this thread was interrupted;
     * otherwise returns at once (a field read).
     */
    public static void check() {
        if (Thread.currentThread() instanceof CellThread t && t.stopRequested()) {
            throw new CellInterrupted();
        }
    }

    /**
     * Returns {@code classFile} with the checks inserted; the original bytes when ASM cannot
     * read the class (a class-file version newer than it knows), with one warning on the
     * kernel's log, so the cell still runs and only the checks are missing.
     */
    static byte[] insert(byte[] classFile) {
        try {
            ClassReader reader = new ClassReader(classFile);
            ClassWriter writer = new ClassWriter(reader, 0);
            reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                 String[] exceptions) {
                    return new Inserter(super.visitMethod(access, name, descriptor, signature, exceptions));
                }
            }, 0);
            return writer.toByteArray();
        } catch (RuntimeException e) {
            if (!warned) {
                warned = true;
                Kernel.LOG.println("cadl-kernel: cannot insert interrupt checks into cell code (" + e
                        + "); an interrupt still wakes sleeps and stops library loops that check it");
            }
            return classFile;
        }
    }

    private static final class Inserter extends MethodVisitor {
        private final Set<Label> seen = new HashSet<>();

        Inserter(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        private void call() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, OWNER, "check", "()V", false);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            call();
        }

        @Override
        public void visitLabel(Label label) {
            seen.add(label);
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            if (seen.contains(label)) {
                call();
            }
            super.visitJumpInsn(opcode, label);
        }
    }
}
