# The portafunc image, for those who build with `docker build` or `podman build` rather than Jib: the same optimised
# image, built in stages. Build the jar first:
#
#   ./mvnw -q package -DskipTests
#   docker build -t portafunc .
#   podman build --build-arg JDK_IMAGE=localhost/portafunc-java25-jdk:latest \
#                --build-arg BASE_IMAGE=localhost/portafunc-java25-base:latest -t portafunc .   # local bases
#
# JDK_IMAGE is a Java 25 JDK (it links the runtime and trains the AOT cache); BASE_IMAGE is any glibc image: the image
# brings its own runtime, linked from that JDK, since an AOT cache only works on the JVM build that trained it. Both
# defaults are pinned by digest; deploy/image/local-base.sh builds local ones where no registry is reachable.
ARG JDK_IMAGE=eclipse-temurin:25-jdk@sha256:68868d04fa9cfd5f5c6abec0b5cef86d8de2bf9c62c37c7d3e4f0f80f5cfd7ff
ARG BASE_IMAGE=debian:trixie-slim@sha256:a29215f6a35e51e22adffa17f89e9d2ef06214e64a2bad10d765c46aea49f11f

# 1. build: the application laid out in /app, where the image runs it (the jar and its libraries, extracted from the
#    Spring Boot jar, with the application context Spring AOT generated at build time).
FROM ${JDK_IMAGE} AS build
USER root
COPY functions/app/target/portafunc.jar /build/portafunc.jar
RUN ["java", "-Djarmode=tools", "-jar", "/build/portafunc.jar", "extract", "--destination", "/app"]
COPY deploy/image/jvm.options /app/jvm.options

# 2. jlink: the Java runtime the image ships, linked from this JDK with only the modules the application uses.
FROM build AS jlink
COPY deploy/image/jlink.args /build/jlink.args
RUN ["jlink", "@/build/jlink.args", "--output", "/opt/portafunc/java"]

# 3. train: the AOT cache, from a run of the application on that runtime, with the image's options and real requests.
FROM jlink AS train
COPY deploy/image/Train.java /build/Train.java
RUN ["java", "/build/Train.java", "--cache", "/app/portafunc.aot", "--dir", "/app", "--", \
     "/opt/portafunc/java/bin/java", "@/app/jvm.options", "-jar", "/app/portafunc.jar"]

FROM ${BASE_IMAGE}
COPY --from=train /opt/portafunc/java /opt/portafunc/java
COPY --from=train /app /app
ENV JAVA_HOME=/opt/portafunc/java
WORKDIR /app
# Non-root; any other uid works too (OpenFaaS uses 12000). Writes only under /tmp: runs on a read-only root.
USER 65532:65532
EXPOSE 8080
# JAVA_TOOL_OPTIONS adds options.
ENTRYPOINT ["/opt/portafunc/java/bin/java", "@/app/jvm.options", "-XX:AOTCache=/app/portafunc.aot", \
            "-jar", "/app/portafunc.jar"]
