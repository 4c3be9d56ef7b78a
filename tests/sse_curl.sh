#!/usr/bin/env bash
# curl -N against `rag serve`'s two event streams; exits non-zero, saying why, on any surprise.
#   bash tests/sse_curl.sh http://127.0.0.1:PORT KEY "a question"
set -euo pipefail
url=$1 key=$2 question=$3
body=$(printf '{"question": "%s"}' "$question")
native=$(curl -sSN --max-time 60 -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -d "$body" "$url/v1/answer/stream")
events=$(printf '%s\n' "$native" | tr -d '\r' | sed -n 's/^event: //p' | tr '\n' ' ')
echo "native events: $events"
case "$events" in
  "citation text "*"final ") ;;  # the first citation comes before the text that uses it; final last
  *) echo "unexpected event order: $events" >&2; exit 1 ;;
esac
printf '%s\n' "$native" | grep -q '^data: {"text": ".*\[1\]' || { echo "no text event cites [1]" >&2; exit 1; }

chat=$(printf '{"stream": true, "messages": [{"role": "user", "content": "%s"}]}' "$question")
stream=$(curl -sSN --max-time 60 -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -d "$chat" "$url/v1/chat/completions")
last=$(printf '%s\n' "$stream" | grep '^data: ' | tail -n 1)
final=$(printf '%s\n' "$stream" | grep '^data: ' | tail -n 2 | head -n 1)
[ "$last" = "data: [DONE]" ] || { echo "the chat stream does not end with [DONE]: $last" >&2; exit 1; }
printf '%s\n' "$final" | grep -q '"finish_reason": "stop".*"citations": \[{"n": 1' \
  || { echo "the last chunk carries no citations: $final" >&2; exit 1; }

code=$(curl -s -o /dev/null -w '%{http_code}' -N -H 'Content-Type: application/json' -d "$body" "$url/v1/answer/stream")
[ "$code" = 401 ] || { echo "no key: expected 401, got $code" >&2; exit 1; }
echo "ok"
