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
#    Spring Boot jar, with the application context Spring AOT generated at build time); then the image's own files,
#    made by the same program as the Maven build's: the runtime linked from this JDK, the JVM options, and the AOT cache
#    trained by running the application on that runtime with real requests (deploy/image/ImageFiles.java).
FROM ${JDK_IMAGE} AS build
USER root
COPY functions/app/target/portafunc.jar /build/portafunc.jar
RUN ["java", "-Djarmode=tools", "-jar", "/build/portafunc.jar", "extract", "--destination", "/app"]
COPY deploy/image/ImageFiles.java deploy/image/jlink.args deploy/image/jvm.options /build/
RUN ["java", "/build/ImageFiles.java", "--from", "/build", "--root", "/", "--log", "/build/image-files.log", \
     "--dir", "/app", "--", "-jar", "/app/portafunc.jar"]

FROM ${BASE_IMAGE}
COPY --from=build /opt/portafunc/java /opt/portafunc/java
COPY --from=build /app /app
ENV JAVA_HOME=/opt/portafunc/java
WORKDIR /app
# Non-root; any other uid works too (OpenFaaS uses 12000). Writes only under /tmp: runs on a read-only root.
USER 65532:65532
EXPOSE 8080
# JAVA_TOOL_OPTIONS adds options.
ENTRYPOINT ["/opt/portafunc/java/bin/java", "@/app/jvm.options", "-XX:AOTCache=/app/portafunc.aot", \
            "-jar", "/app/portafunc.jar"]
