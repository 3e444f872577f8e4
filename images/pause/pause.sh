#!/bin/sh
# troupe/pause: a pod's sandbox. It holds the pod's network namespace, which the pod's containers
# join, and does nothing else until it is told to stop.
trap 'exit 0' TERM INT
while :; do
  sleep 3600 &
  wait $!
done
