import dev.portafunc.PortafuncApplication;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Where one cold start of portafunc goes: started as the image starts it (bench/startup/run.sh puts this class after the
 * image's class path, which the AOT cache allows), it runs the application with Spring's startup recorder, sends the
 * first request, and prints one line per figure, tab-separated, for run.sh to collect:
 *
 * <pre>
 * mark    main|started|answered   WALL-CLOCK-MS
 * phase   NAME                    MS
 * bean    NAME                    SELF-MS
 * rss     answered                MB
 * cpu     THREADS                 RUN-MS  WAITING-MS
 * </pre>
 *
 * The {@code cpu} lines are the threads' CPU time and their time runnable but waiting for a CPU, from the start to the
 * first response ({@code /proc/self/task/N/schedstat}): on a small machine the start's own thread shares the cores
 * with the JIT's compiler threads.
 *
 * With {@code --vm} it returns at once: the time to its exit is the JVM's own start (and the AOT cache's class
 * preloading) and stop.
 */
public class StartupBudget {

    public static void main(String[] args) throws Exception {
        long main = System.currentTimeMillis();
        if (args.length > 0 && args[0].equals("--vm")) {
            return;
        }
        // The application as its main method starts it (the initializers it leaves out, left out here too).
        SpringApplication spring = PortafuncApplication.application();
        // Spring AOT finds the generated context by the main class's name, which would be this one's.
        spring.setMainApplicationClass(PortafuncApplication.class);
        BufferingApplicationStartup startup = new BufferingApplicationStartup(20_000);
        spring.setApplicationStartup(startup);
        ConfigurableApplicationContext context = spring.run(args);
        long started = System.currentTimeMillis();

        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        String status = firstRequest(port);
        long answered = System.currentTimeMillis();
        if (!status.startsWith("HTTP/1.1 200")) {
            throw new IllegalStateException("The first request was answered " + status);
        }
        long rssKb = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst()
                .orElse(-1);

        System.out.println("mark\tmain\t" + main);
        System.out.println("mark\tstarted\t" + started);
        System.out.println("mark\tanswered\t" + answered);
        System.out.println("rss\tanswered\t" + rssKb / 1024);
        cpu().forEach((threads, times) ->
                System.out.println("cpu\t" + threads + "\t" + times[0] / 1_000_000 + "\t" + times[1] / 1_000_000));
        report(startup.getBufferedTimeline().getEvents());
        context.close();
    }

    /**
     * CPU time and run-queue wait in nanoseconds, by group of threads: the start's own ("java", the launcher's name for
     * the main thread), the JIT's, the request's (Tomcat's, or the virtual threads' carriers) and the JVM's other ones.
     */
    private static Map<String, long[]> cpu() throws IOException {
        Map<String, long[]> groups = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                String stat = Files.readString(task.resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] sched = Files.readString(task.resolve("schedstat")).trim().split(" ");
                String group = name.equals("java") ? "main"
                        : name.contains("CompilerThre") || name.equals("Training replay") ? "JIT compiler"
                        : name.startsWith("http-") || name.startsWith("ForkJoinPool") ? "request (Tomcat, carriers)"
                        : "JVM and others";
                long[] times = groups.computeIfAbsent(group, g -> new long[2]);
                times[0] += Long.parseLong(sched[0]);
                times[1] += Long.parseLong(sched[1]);
            }
        }
        return groups;
    }

    /** The first request, on a plain socket: an HTTP client would add its own start to the figure. */
    private static String firstRequest(int port) throws IOException {
        byte[] body = "{\"query\":\"knative scale zero\"}".getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v2/searchManipulate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return response.substring(0, Math.max(0, response.indexOf('\r')));
        }
    }

    /**
     * The recorder's steps as phases: Spring Boot's own (starting, environment prepared, the context's refresh), the
     * refresh split into the web server's creation, the beans' instantiation and the rest; and each bean's own time
     * (its instantiation less the beans it instantiated on the way).
     */
    private static void report(List<TimelineEvent> events) {
        Map<Long, List<TimelineEvent>> children = new HashMap<>();
        Map<Long, TimelineEvent> byId = new HashMap<>();
        for (TimelineEvent event : events) {
            byId.put(event.getStartupStep().getId(), event);
            Long parent = event.getStartupStep().getParentId();
            children.computeIfAbsent(parent == null ? -1L : parent, id -> new ArrayList<>()).add(event);
        }
        for (TimelineEvent event : events) {
            String name = event.getStartupStep().getName();
            Long parent = event.getStartupStep().getParentId();
            String parentName = parent == null || !byId.containsKey(parent)
                    ? ""
                    : byId.get(parent).getStartupStep().getName();
            long ms = event.getDuration().toMillis();
            if (parent == null) {
                System.out.println("phase\t" + name.replace("spring.", "") + "\t" + ms);
            } else if (parentName.equals("spring.context.refresh")) {
                String phase = name.equals("spring.beans.instantiate") ? "context.refresh: beans" : "context.refresh: " + name.replace("spring.", "");
                System.out.println("phase\t" + phase + "\t" + ms);
            }
            if (name.equals("spring.beans.instantiate")) {
                long nested = children.getOrDefault(event.getStartupStep().getId(), List.of()).stream()
                        .mapToLong(child -> child.getDuration().toMillis())
                        .sum();
                String bean = String.valueOf(tag(event, "beanName"));
                System.out.println("bean\t" + bean + "\t" + Math.max(0, ms - nested));
            }
        }
    }

    private static Object tag(TimelineEvent event, String key) {
        for (var tag : event.getStartupStep().getTags()) {
            if (tag.getKey().equals(key)) {
                return tag.getValue();
            }
        }
        return null;
    }
}
