#!/usr/bin/env bash
# One entry point for a fresh machine:
#   ./fleet.sh run      install what is needed, build, run the fleet on the embedded default (SQLite in var/)
#   ./fleet.sh test     install what the tests need, run every test; ends with "N passed, N failed"
#   ./fleet.sh bench    run the queue benchmark (`bench inbound-post` for OCR + classification through the bot)
#   ./fleet.sh ARGS...  anything else goes to the `fleet` CLI, e.g. ./fleet.sh status --json
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

CONFIGURATION=Release
WORKER_PROJECT=workers/AutomationFleet.Worker/AutomationFleet.Worker.csproj
FLEET_EXE="workers/AutomationFleet.Worker/bin/$CONFIGURATION/net10.0/fleet"
RESULTS_DIR="$ROOT/artifacts/test-results"

# Debian packages each command needs: the embedded default reads scans with Tesseract (library,
# Leptonica, English); the tests also need the tesseract command (speed comparison), Dovecot and aiosmtpd,
# Chromium (the review portal's browser tests, driven by Playwright) and npm (axe-core for those tests).
RUN_APT_PACKAGES=(libtesseract5 liblept5 tesseract-ocr-eng)
TEST_APT_PACKAGES=(libtesseract5 liblept5 tesseract-ocr-eng tesseract-ocr dovecot-imapd python3-aiosmtpd chromium)

die() { echo "fleet.sh: $*" >&2; exit 1; }

_apt_updated=0

# ensure_apt_packages pkg... : installs only the packages that are missing; runs apt-get update once.
ensure_apt_packages() {
    local missing=() pkg
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$pkg")
        fi
    done
    [ "${#missing[@]}" -eq 0 ] && return 0

    command -v apt-get >/dev/null 2>&1 || die "missing packages (${missing[*]}) and no apt-get to install them"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || die "missing packages (${missing[*]}); run as root or install sudo"
        sudo=(sudo)
    fi
    if [ "$_apt_updated" -eq 0 ]; then
        "${sudo[@]}" apt-get update
        _apt_updated=1
    fi
    echo "fleet.sh: installing ${missing[*]}" >&2
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}

ensure_dotnet() {
    command -v dotnet >/dev/null 2>&1 \
        || die "the .NET 10 SDK is required (https://dot.net/download); 'dotnet' is not on PATH"
    dotnet --version >/dev/null 2>&1 \
        || die "'dotnet --version' failed: the SDK pinned in global.json (10.0.1xx or later) is not installed"
}

build_fleet() {
    ensure_dotnet
    local log
    log="$(mktemp)"
    if ! dotnet build "$WORKER_PROJECT" -c "$CONFIGURATION" -nologo -v quiet >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        die "build failed"
    fi
    rm -f "$log"
}

seed_inbox() {
    # Seeded once, on a fresh var/: the illustrative inbox files (good and bad) and the sample letters (text PDFs, scans).
    if [ ! -e var/inbox ]; then
        mkdir -p var/inbox
        [ -d samples/inbox ] && cp -R samples/inbox/. var/inbox/
        if [ -d samples/letters ]; then
            find samples/letters -maxdepth 1 -type f \( -name '*.pdf' -o -name '*.png' -o -name '*.tif' \) -exec cp {} var/inbox/ \;
        fi
        echo "fleet.sh: seeded var/inbox from samples/inbox and samples/letters" >&2
    fi
    # The contact-form bot's watched folder (Inboxes:contact-forms): the sample forms, once.
    if [ ! -e var/contact-forms ] && [ -d samples/contact-forms ]; then
        mkdir -p var/contact-forms
        cp samples/contact-forms/*.json var/contact-forms/
        echo "fleet.sh: seeded var/contact-forms from samples/contact-forms" >&2
    fi
}

cmd_run() {
    ensure_apt_packages ${RUN_APT_PACKAGES[@]+"${RUN_APT_PACKAGES[@]}"}
    build_fleet
    mkdir -p var
    seed_inbox
    exec "$FLEET_EXE" run "$@"
}

# Sums the per-project "Passed: N" / "Failed: N" summary lines of the console logger. (The .trx files are
# kept as artifacts, but their default names have one-second resolution and can overwrite each other.)
sum_summary() {
    local label="$1" log="$2"
    { grep -E "^[[:space:]]+${label}: [0-9]+[[:space:]]*$" "$log" || true; } | awk '{ total += $2 } END { print total + 0 }'
}

cmd_test() {
    ensure_apt_packages ${TEST_APT_PACKAGES[@]+"${TEST_APT_PACKAGES[@]}"}
    # npm often comes with a Node.js that is not Debian's (and conflicts with Debian's npm): install it only if absent.
    command -v npm >/dev/null 2>&1 || ensure_apt_packages npm
    ensure_dotnet
    rm -rf "$RESULTS_DIR"
    mkdir -p "$RESULTS_DIR"

    local log="$RESULTS_DIR/console.log" status
    set +e
    dotnet test AutomationFleet.sln -c "$CONFIGURATION" -nologo \
        --results-directory "$RESULTS_DIR" \
        --logger "trx" --logger "console;verbosity=normal" \
        --blame-hang-timeout 10m \
        "$@" 2>&1 | tee "$log"
    status="${PIPESTATUS[0]}"
    set -e

    local passed failed
    passed="$(sum_summary Passed "$log")"
    failed="$(sum_summary Failed "$log")"
    if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
        # A build error or a crashed test host fails the run without a "Failed: N" line: count it as one failure.
        echo "fleet.sh: dotnet test exited with $status (build error or test host crash); see above" >&2
        failed=$((failed + 1))
    fi
    echo "$passed passed, $failed failed"
    [ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
}

cmd_bench() {
    build_fleet
    # `./fleet.sh bench inbound-post …` picks the benchmark; anything else is the queue benchmark's options.
    case "${1:-}" in
        queue | inbound-post) exec "$FLEET_EXE" bench "$@" ;;
        *) exec "$FLEET_EXE" bench queue "$@" ;;
    esac
}

main() {
    local command="${1:-}"
    case "$command" in
        run) shift; cmd_run "$@" ;;
        test) shift; cmd_test "$@" ;;
        bench) shift; cmd_bench "$@" ;;
        "" | -h | --help | help)
            sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
            [ -z "$command" ] && exit 2 || exit 0 ;;
        *)
            build_fleet
            exec "$FLEET_EXE" "$@" ;;
    esac
}

main "$@"
