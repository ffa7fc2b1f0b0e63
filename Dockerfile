# Coffer's container image: built from this repository with the Maven wrapper, run on a Java 21 runtime as a
# non-root user, with the data directory in the volume /pb_data.
#   docker build -t coffer .
#   docker run -d --name coffer -p 8090:8090 -v coffer_data:/pb_data coffer
#   docker exec coffer /opt/coffer/bin/coffer superuser upsert admin@example.com 'a-long-password' --dir=/pb_data

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
# the release archive, unpacked: bin/coffer, lib/coffer.jar, LICENSE, NOTICE, THIRD-PARTY.txt, README.md
RUN ./mvnw -B -ntp -Dmaven.test.skip=true package -pl coffer-server -am \
 && mkdir /dist \
 && tar -xzf coffer-server/target/coffer-*.tar.gz -C /dist --strip-components=1

FROM eclipse-temurin:21-jre
# uid/gid 10001: `chown -R 10001:10001 DIR` makes a host directory usable as a bind-mounted /pb_data
RUN groupadd --system --gid 10001 coffer \
 && useradd --system --uid 10001 --gid coffer --home-dir /pb_data --no-create-home --shell /usr/sbin/nologin coffer \
 && mkdir /pb_data && chown coffer:coffer /pb_data
COPY --from=build /dist /opt/coffer
# a class-data-sharing archive for faster starts, written now: lib/ stays read-only to the coffer user
RUN /opt/coffer/bin/coffer superuser upsert cds@example.invalid cds-training-run --dir=/tmp/cds-training \
 && rm -rf /tmp/cds-training
USER coffer
VOLUME /pb_data
EXPOSE 8090
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8090/api/health >/dev/null || exit 1
ENTRYPOINT ["/opt/coffer/bin/coffer"]
CMD ["serve", "--http=0.0.0.0:8090", "--dir=/pb_data"]
