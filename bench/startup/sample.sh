#!/usr/bin/env bash
# Where the start's own thread goes, by what it calls: the shipped configuration started as bench/startup/run.sh
# starts it, its main thread's stack sampled every millisecond from main up to the first response
# (MainThreadSampler.java; the JVM's own start before main is run.sh's "spawn to main"), over a few starts. Prints the
# share of the samples under each of the start's known costs (a frame they pass through), so that a lever is aimed
# before it is built; the samples themselves stay in the work folder, one collapsed-stack file per start, for a
# flame graph.
#
#   bench/startup/sample.sh [--rounds 4] [--rebuild]
#
# Needs a JDK 25 and python3; the image's files (built when missing).
. "$(dirname "$0")/../lib.sh"
startup_bench 4 "$@"
image_files >/dev/null
work=${BENCH_WORK:-$(mktemp -d -t portafunc-sample.XXXXXX)}
mkdir -p "$work/classes"
javac -d "$work/classes" -cp "$(sed 's/^-cp //' "$(image_file classpath)")" \
  "$BENCH/startup/StartupBudget.java" "$BENCH/startup/MainThreadSampler.java"
for r in $(seq 1 "$rounds"); do
  shipped_command --main MainThreadSampler --cp-append "$work/classes" -XX:AOTMode=on "-Dsampler.out=$work/stacks-$r.txt"
  env -u JAVA_TOOL_OPTIONS PORT=0 "${SHIPPED[@]}" >/dev/null
done
echo "samples of the main thread, main to the first response, $rounds starts ($work):"
python3 - "$work"/stacks-*.txt <<'PY'
import sys
stacks = []
for name in sys.argv[1:]:
    for line in open(name):
        stack, count = line.rsplit(" ", 1)
        stacks.append((stack.split(";"), int(count)))
total = sum(count for _, count in stacks)
# Each cost by a frame its samples pass through; a sample counts once under each cost it is in.
costs = {
    "Spring Boot's environment (configuration, logging)": "SpringApplication.prepareEnvironment",
    "  of which the logging system": "LoggingApplicationListener.onApplicationEvent",
    "  of which the configuration files and imports": "ConfigDataEnvironmentPostProcessor.postProcessEnvironment",
    "the context's refresh": "AbstractApplicationContext.refresh",
    "  of which the beans' creation": "AbstractApplicationContext.finishBeanFactoryInitialization",
    "  of which the HTTP server's start": "HttpServer.start",
    "configuration records bound": "ConfigurationPropertiesBindingPostProcessor.postProcessBeforeInitialization",
    "annotations read (Spring's merged annotations, the JDK's parser)": "AnnotationParser.parseAnnotations",
    "  of which annotation proxy classes generated": "ProxyGenerator.generateProxyClass",
    "Jackson's mappers built": "JsonMapper$Builder.build",
    "Micrometer's JVM metrics": "JvmMetricsAutoConfiguration",
    "the function catalog": "FunctionCatalog",
    "the first request, awaited": "StartupBudget.firstRequest",
}
print(f"{'cost':<66} {'share':>6}")
for label, frame in costs.items():
    count = sum(c for stack, c in stacks if any(frame in f for f in stack))
    print(f"{label:<66} {100 * count / total:5.1f}%")
print(f"{'all samples':<66} {total:>6}")
PY
