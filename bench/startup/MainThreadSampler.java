import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the start's own thread spends its time, by sampling: runs {@link StartupBudget} (the application as the image
 * starts it, then its first request) while a second thread takes the main thread's stack every millisecond, and writes
 * each distinct stack, root first, with the number of samples it had ({@code frame;frame;... COUNT}, the collapsed
 * format flame-graph tools read) to the file given as {@code -Dsampler.out}. Taking a stack stops the thread at a
 * safepoint, so the start runs a little slower than without it; the shares are what it is for, not the total.
 */
public class MainThreadSampler {

    public static void main(String[] args) throws Exception {
        Thread main = Thread.currentThread();
        Map<String, Integer> stacks = new HashMap<>();
        Thread sampler = Thread.ofPlatform().daemon().name("sampler").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
                StackTraceElement[] stack = main.getStackTrace();
                if (stack.length == 0) {
                    continue;
                }
                StringBuilder collapsed = new StringBuilder();
                for (int i = stack.length - 1; i >= 0; i--) {
                    collapsed.append(stack[i].getClassName()).append('.').append(stack[i].getMethodName());
                    collapsed.append(i > 0 ? ";" : "");
                }
                stacks.merge(collapsed.toString(), 1, Integer::sum);
            }
        });
        try {
            StartupBudget.main(args);
        } finally {
            sampler.interrupt();
            sampler.join();
            try (PrintWriter out = new PrintWriter(Path.of(System.getProperty("sampler.out")).toFile())) {
                stacks.forEach((stack, samples) -> out.println(stack + " " + samples));
            }
        }
    }
}
