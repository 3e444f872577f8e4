#!/bin/sh
# troupe/hello: serves a page naming the pod (its hostname) on port ${PORT:-8080}, and /healthz.
# troupe/hello:2 is the same with GREETING=Hi, so that a rollout can be told apart.
# sh is PID 1 and traps TERM so that a delete does not have to wait for the grace period.
port="${PORT:-8080}"
echo "${GREETING:-Hello} from $(hostname)" > /www/index.html
echo ok > /www/healthz
httpd -f -p "$port" -h /www &
child=$!
trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit 0' TERM INT
wait "$child"
