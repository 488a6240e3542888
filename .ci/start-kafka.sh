#!/usr/bin/env bash
# Apache Kafka 3.9.1 for CI: one KRaft node (broker and controller) on 127.0.0.1, from Maven Central's jars
# (.ci/kafka/pom.xml, copied to .ci/cache/kafka-libs once), state in .ci/work/kafka.
#
#   .ci/start-kafka.sh [start]   fetch jars if not cached, format storage, start, wait until it answers;
#                                prints KAFKA_BROKERS=... on stdout
#   .ci/start-kafka.sh stop      stop the broker this script started (no error if none)
#
# Main classes in 3.9.1 (checked in the jars): kafka.Kafka and kafka.tools.StorageTool in kafka_2.13,
# org.apache.kafka.tools.TopicCommand in kafka-tools.
set -euo pipefail
# shellcheck source=.ci/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

POM="$CI_ROOT/.ci/kafka/pom.xml"
LIBS="$CI_CACHE/kafka-libs"
DIR="$CI_WORK/kafka"
PID_FILE="$DIR/kafka.pid"
LOG="$DIR/kafka.log"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

kafka_java() { java -cp "$LIBS/*" -Dlog4j.configuration="file:$DIR/log4j.properties" "$@"; }

stop_kafka() {
  [ -f "$PID_FILE" ] || return 0
  local pid; pid="$(cat "$PID_FILE")"
  rm -f "$PID_FILE"
  kill -0 "$pid" 2>/dev/null || return 0
  ci_log "stopping Kafka (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.5
  done
  ci_log "Kafka did not stop in 30s: killing it"
  kill -KILL "$pid" 2>/dev/null || true
}

fetch_jars() {
  local want have=""
  want="$(sha256sum "$POM" | cut -d' ' -f1)"
  [ -f "$LIBS/.pom.sha256" ] && have="$(cat "$LIBS/.pom.sha256")"
  if [ "$want" = "$have" ] && [ -f "$LIBS/kafka_2.13-$PAYRAIL_CI_KAFKA_VERSION.jar" ]; then
    ci_log "Kafka jars cached in ${LIBS#"$CI_ROOT"/}"
    return
  fi
  command -v java >/dev/null 2>&1 || ci_apt_install default-jre-headless
  command -v mvn >/dev/null 2>&1 || ci_apt_install maven
  local t0=$SECONDS tmp="$LIBS.tmp"
  ci_log "fetching Kafka $PAYRAIL_CI_KAFKA_VERSION jars from Maven Central"
  rm -rf "$tmp"
  # stdout stays for the KAFKA_BROKERS line alone; Maven 3.8 prints colour resets even in batch mode
  mvn -q -B -Dstyle.color=never -f "$POM" dependency:copy-dependencies -DoutputDirectory="$tmp" 2>&1 \
    | sed 's/\x1b\[[0-9;]*m//g' >&2
  echo "$want" >"$tmp/.pom.sha256"
  rm -rf "$LIBS"
  mv "$tmp" "$LIBS"
  ci_log "Kafka jars fetched in $((SECONDS - t0))s ($(du -sh "$LIBS" | cut -f1))"
}

write_config() {
  cat >"$DIR/server.properties" <<PROPS
# Payrail CI (.ci/start-kafka.sh): one KRaft node on loopback.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$PAYRAIL_CI_KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PAYRAIL_CI_KAFKA_PORT,CONTROLLER://127.0.0.1:$PAYRAIL_CI_KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PAYRAIL_CI_KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DIR/data
num.partitions=3
auto.create.topics.enable=false
# One node: internal topics cannot be replicated (without these, consumers loop on
# "group coordinator not available").
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
  cat >"$DIR/log4j.properties" <<'PROPS'
log4j.rootLogger=WARN, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
# Say when the broker is up, and keep the rest quiet.
log4j.logger.kafka.server.KafkaRaftServer=INFO
PROPS
}

start_kafka() {
  local t0=$SECONDS
  command -v java >/dev/null 2>&1 || ci_apt_install default-jre-headless
  fetch_jars
  local t1=$SECONDS

  stop_kafka   # a broker left by an earlier run of this checkout
  local port
  for port in "$PAYRAIL_CI_KAFKA_PORT" "$PAYRAIL_CI_KAFKA_CONTROLLER_PORT"; do
    port_open "$port" && ci_die "127.0.0.1:$port is already taken by another process (set PAYRAIL_CI_KAFKA_PORT / _CONTROLLER_PORT)"
  done
  rm -rf "$DIR"
  mkdir -p "$DIR/data"
  write_config

  local cluster_id
  cluster_id="$(kafka_java kafka.tools.StorageTool random-uuid 2>>"$LOG")"
  kafka_java kafka.tools.StorageTool format -t "$cluster_id" -c "$DIR/server.properties" >>"$LOG" 2>&1 \
    || { ci_tail 40 "$LOG"; ci_die "kafka-storage format failed"; }

  # setsid: the broker is not in our process group, so a Ctrl-C or a CI runner's group kill goes through
  # the cleanup trap, which stops it cleanly.
  setsid java -Xms512m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true -cp "$LIBS/*" \
    -Dlog4j.configuration="file:$DIR/log4j.properties" \
    kafka.Kafka "$DIR/server.properties" >>"$LOG" 2>&1 </dev/null &
  echo $! >"$PID_FILE"
  local pid; pid="$(cat "$PID_FILE")"

  local deadline=$((SECONDS + 90))
  until port_open "$PAYRAIL_CI_KAFKA_PORT"; do
    kill -0 "$pid" 2>/dev/null || { ci_tail 60 "$LOG"; ci_die "Kafka exited during startup"; }
    [ "$SECONDS" -lt "$deadline" ] || { ci_tail 60 "$LOG"; stop_kafka; ci_die "Kafka did not open port $PAYRAIL_CI_KAFKA_PORT in 90s"; }
    sleep 0.5
  done
  # The port opens before the broker has caught up with the metadata log: wait for a real admin answer.
  if ! timeout 120 java -cp "$LIBS/*" -Dlog4j.configuration="file:$DIR/log4j.properties" \
      org.apache.kafka.tools.TopicCommand --bootstrap-server "$PAYRAIL_CI_KAFKA_BROKERS" --list >>"$LOG" 2>&1; then
    ci_tail 60 "$LOG"; stop_kafka; ci_die "Kafka does not answer admin requests"
  fi
  ci_log "Kafka $PAYRAIL_CI_KAFKA_VERSION ready on $PAYRAIL_CI_KAFKA_BROKERS (pid $pid) in $((SECONDS - t1))s; $((SECONDS - t0))s with the jars"
  echo "KAFKA_BROKERS=$PAYRAIL_CI_KAFKA_BROKERS"
}

case "${1:-start}" in
  start) start_kafka ;;
  stop) stop_kafka ;;
  *) echo "usage: $0 [start|stop]" >&2; exit 2 ;;
esac
