# The portafunc image, for those who build with `docker build` or `podman build` rather than Jib.
# Equivalent to the Jib image: same runtime, same user, same entry point and flags. Build the jar first:
#
#   ./mvnw -q package -DskipTests
#   docker build -t portafunc .
#   docker build --build-arg BASE_IMAGE=localhost/portafunc-java25-base:latest -t portafunc .   # a local base
#
# BASE_IMAGE is any Java 25 runtime image with `java` on PATH; the default is pinned by digest.
ARG BASE_IMAGE=eclipse-temurin:25-jre@sha256:681c543d6f36c50f45e9b5226930a46203dcfa351d3670e9d0bdf0dabae53539

# Unpack the Spring Boot jar into layers: dependencies change rarely, the application often.
FROM ${BASE_IMAGE} AS layers
USER root
WORKDIR /build
COPY functions/app/target/portafunc.jar portafunc.jar
RUN ["java", "-Djarmode=tools", "-jar", "portafunc.jar", "extract", "--layers", "--destination", "extracted"]

FROM ${BASE_IMAGE}
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
# Non-root; any other uid works too (OpenFaaS uses 12000). Writes only under /tmp: runs on a read-only root.
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp", "-jar", "/app/portafunc.jar"]
