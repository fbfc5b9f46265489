#!/usr/bin/env bash
# The command line against Hexo and Hugo on the same posts, as bench/README.md
# reports it: every shared case Hexo loads, COPIES copies each.
#
#   bench/compare.sh [COPIES] [RUNS]     (from the repository root; ../shared beside it)
#
# Prints wall seconds, CPU seconds and peak memory of each run. Hexo's site
# load needs ../shared/oracle set up (its setup.sh) in ORACLE (default
# /tmp/oracle); Hugo needs Debian's hugo. Either is skipped when missing.
# BASE, when set, is another hexopost binary (an earlier commit's) timed
# the same way, its runs interleaved with this checkout's.
set -euo pipefail
copies=${1:-20}
runs=${2:-5}
cases=../shared/conformance/cases
oracle=${ORACLE:-/tmp/oracle}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/hexopost" ./cmd/hexopost
go build -o "$work/to-hugo" ./examples/to-hugo

# the posts Hexo's own site load keeps (bench-hexo-site.js leaves the same out)
posts="$work/blog/source/_posts"
mkdir -p "$posts"
printf 'timezone: UTC\n' > "$work/blog/_config.yml"
for f in "$cases"/*; do
  name=$(basename "$f")
  case "$name" in *videos*|*tag-plugins*|*hello-fluid*|*uniapp-quoted*) continue ;; esac
  for i in $(seq 0 $((copies - 1))); do cp "$f" "$posts/${name%.*}-$i.${name##*.}"; done
done
echo "posts: $(ls "$posts" | wc -l), bytes: $(cat "$posts"/* | wc -c)"

measure() { # label, command...
  local label=$1; shift
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "$label %e s wall, %U+%S s CPU, %M KB peak" "$@" > /dev/null 2>> "$work/times" || true
  done
  grep "^$label " "$work/times" | sort -t' ' -k2 -n
}

if [ -n "${BASE:-}" ]; then
  for _ in $(seq "$runs"); do
    runs_=$runs; runs=1
    measure base-json "$BASE" --json "$work/blog" > /dev/null
    measure hexopost-json "$work/hexopost" --json "$work/blog" > /dev/null
    runs=$runs_
  done
  grep "^base-json " "$work/times" | sort -t' ' -k2 -n
  grep "^hexopost-json " "$work/times" | sort -t' ' -k2 -n
else
  measure hexopost-json "$work/hexopost" --json "$work/blog"
fi
measure hexopost-stats "$work/hexopost" stats "$work/blog"

if [ -f "$oracle/bench-hexo-site.js" ] && [ -d "$oracle/node_modules" ]; then
  for _ in $(seq "$runs"); do TZ=UTC node "$oracle/bench-hexo-site.js" "$copies" "$cases"; done
else
  echo "hexo: skipped (no oracle at $oracle)"
fi

if command -v hugo > /dev/null; then
  site="$work/hugo"
  mkdir -p "$site/layouts/_default"
  printf 'baseURL = "https://example.org/"\ntitle = "bench"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "404", "robotsTXT"]\n[markup.goldmark.renderer]\nunsafe = true\n' > "$site/config.toml"
  for l in single list; do
    printf '{{ .Title }}{{ .Content }}{{ .Summary }}{{ .WordCount }}{{ .TableOfContents }}\n' > "$site/layouts/_default/$l.html"
  done
  "$work/to-hugo" -o "$site/content/posts" "$work/blog" > /dev/null 2>&1
  echo "hugo pages: $(find "$site/content/posts" -type f | wc -l)"
  measure hugo hugo --renderToMemory --quiet -s "$site"
else
  echo "hugo: skipped (apt-get install hugo)"
fi
