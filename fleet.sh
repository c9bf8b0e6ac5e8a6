#!/usr/bin/env bash
# One entry point for a fresh machine:
#   ./fleet.sh run      install what is needed, build, run the fleet on the embedded default (SQLite in var/)
#                       with the sample case-management app beside it (FLEET_SAMPLE_APP=off: the fleet alone)
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
SAMPLE_APP_PROJECT=samples/AutomationFleet.Samples.CaseManagement/AutomationFleet.Samples.CaseManagement.csproj
SAMPLE_APP_EXE="samples/AutomationFleet.Samples.CaseManagement/bin/$CONFIGURATION/net10.0/AutomationFleet.Samples.CaseManagement"
SAMPLE_APP_USER=caseworker
SAMPLE_APP_PASSWORD_FILE="$ROOT/var/case-management/demo-password"
RESULTS_DIR="$ROOT/artifacts/test-results"

# Debian packages each command needs: the embedded default reads scans with Tesseract (library,
# Leptonica, English) and writes case notes into the sample app with Chromium; the tests also need the tesseract command (speed comparison), Dovecot and aiosmtpd,
# Chromium (the review portal's browser tests, driven by Playwright) and npm (axe-core for those tests). The
# financial-assessment letters are set in DejaVu Sans (fonts-dejavu-core): PDFsharp on Linux has no system fonts of its own.
# The person-matching benchmark's peer (pg_trgm + fuzzystrmatch) starts its own PostgreSQL server (postgresql-contrib).
RUN_APT_PACKAGES=(libtesseract5 liblept5 tesseract-ocr-eng chromium fonts-dejavu-core)
TEST_APT_PACKAGES=(libtesseract5 liblept5 tesseract-ocr-eng tesseract-ocr dovecot-imapd python3-aiosmtpd chromium fonts-dejavu-core
    postgresql postgresql-contrib)

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

# build_project PROJECT : a quiet Release build; the compiler's output only when it fails.
build_project() {
    ensure_dotnet
    local log
    log="$(mktemp)"
    if ! dotnet build "$1" -c "$CONFIGURATION" -nologo -v quiet >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        die "build of $1 failed"
    fi
    rm -f "$log"
}

build_fleet() { build_project "$WORKER_PROJECT"; }

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
    # The incident-report bot's watched folder (Inboxes:incident-reports): the sample reports, once, in name order
    # (the duplicate sample must arrive after the report it repeats).
    if [ ! -e var/incident-reports ] && [ -d samples/incident-reports ]; then
        mkdir -p var/incident-reports
        cp samples/incident-reports/*.json var/incident-reports/
        echo "fleet.sh: seeded var/incident-reports from samples/incident-reports" >&2
    fi
    # The financial-assessment bot's watched folder (Inboxes:financial-assessments): the sample assessments, once.
    if [ ! -e var/financial-assessments ] && [ -d samples/financial-assessments ]; then
        mkdir -p var/financial-assessments
        cp samples/financial-assessments/*.json var/financial-assessments/
        echo "fleet.sh: seeded var/financial-assessments from samples/financial-assessments" >&2
    fi
}

# enable_updates: proactive updates on for the embedded default (config/updates.json ships them off), signed with a key
# made once per var/ and readable only by its owner; with Mail:Smtp off they land in var/outbox/updates/ as .eml files.
enable_updates() {
    local key_file="$ROOT/var/updates/opt-out.key"
    mkdir -p "$(dirname "$key_file")"
    if [ ! -s "$key_file" ]; then
        (umask 077 && head -c 32 /dev/urandom | base64 >"$key_file")
    fi
    export FLEET_Updates__Enabled="${FLEET_Updates__Enabled:-true}" FLEET_Updates__OptOutKey="${FLEET_Updates__OptOutKey:-$(cat "$key_file")}"
    # Four loops on the updates queue, so their outbox syncs overlap and share folder syncs (UpdatesBenchmark); only
    # while updates are on, since a configured queue without its bot stops start-up.
    if [ "$FLEET_Updates__Enabled" = true ]; then
        export FLEET_Queues__updates__Concurrency="${FLEET_Queues__updates__Concurrency:-4}" FLEET_Queues__updates__BatchSize="${FLEET_Queues__updates__BatchSize:-8}"
    fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

SAMPLE_APP_PID=""
FLEET_PID=""

# start_sample_app: the sample case-management app in the background (log var/logs/case-management.log, data
# var/case-management/), and the worker's case-note connector pointed at it. Its one password is made once per var/
# and kept in a file only its owner can read: the app gets it from the environment, the worker reads the file as a
# secret file (CaseManagement:PasswordFile), so no password is in a config file or on a command line.
start_sample_app() {
    local port="${FLEET_SAMPLE_APP_PORT:-5090}" url waited=0
    url="http://127.0.0.1:$port"
    port_in_use "$port" && die "port $port is in use (a sample app still running?): stop it, or set FLEET_SAMPLE_APP_PORT, or FLEET_SAMPLE_APP=off"
    mkdir -p "$(dirname "$SAMPLE_APP_PASSWORD_FILE")" var/logs
    if [ ! -s "$SAMPLE_APP_PASSWORD_FILE" ]; then
        (umask 077 && head -c 18 /dev/urandom | base64 | tr '+/' '-_' >"$SAMPLE_APP_PASSWORD_FILE")
    fi
    SampleApp__DemoUsername="$SAMPLE_APP_USER" SampleApp__DemoPassword="$(cat "$SAMPLE_APP_PASSWORD_FILE")" \
        "$SAMPLE_APP_EXE" --urls "$url" >var/logs/case-management.log 2>&1 &
    SAMPLE_APP_PID=$!
    until port_in_use "$port"; do
        if ! kill -0 "$SAMPLE_APP_PID" 2>/dev/null; then
            tail -n 20 var/logs/case-management.log >&2
            SAMPLE_APP_PID=""
            die "the sample case-management app stopped at start (log above, var/logs/case-management.log)"
        fi
        [ "$waited" -ge 600 ] && die "the sample case-management app did not answer on $url within 60 s"
        sleep 0.1
        waited=$((waited + 1))
    done

    export FLEET_CaseManagement__Enabled=true FLEET_CaseManagement__BaseUrl="$url"
    export FLEET_CaseManagement__PasswordFile="$SAMPLE_APP_PASSWORD_FILE" FLEET_CASE_MANAGEMENT_USER="$SAMPLE_APP_USER"
    echo "fleet.sh: sample case-management app on $url: the contact-form bot's notes are on each person's page" \
        "(e.g. $url/people/CR100006); sign in as '$SAMPLE_APP_USER' with the password in ${SAMPLE_APP_PASSWORD_FILE#"$ROOT"/}" >&2
}

stop_sample_app() {
    if [ -n "$SAMPLE_APP_PID" ]; then
        kill -TERM "$SAMPLE_APP_PID" 2>/dev/null || true
        wait "$SAMPLE_APP_PID" 2>/dev/null || true
        SAMPLE_APP_PID=""
    fi
}

cmd_run() {
    ensure_apt_packages ${RUN_APT_PACKAGES[@]+"${RUN_APT_PACKAGES[@]}"}
    build_fleet
    mkdir -p var
    seed_inbox
    enable_updates
    if [ "${FLEET_SAMPLE_APP:-on}" = off ]; then
        exec "$FLEET_EXE" run "$@"
    fi

    build_project "$SAMPLE_APP_PROJECT"
    trap stop_sample_app EXIT
    start_sample_app
    # The fleet runs as a child so the sample app can be stopped after it. A background child of a script ignores
    # Ctrl+C, so INT and TERM are passed on as TERM, on which the host shuts down as on Ctrl+C.
    local status=0
    "$FLEET_EXE" run "$@" &
    FLEET_PID=$!
    trap 'kill -TERM "$FLEET_PID" 2>/dev/null || true' INT TERM
    wait "$FLEET_PID" || status=$?
    while kill -0 "$FLEET_PID" 2>/dev/null; do
        status=0
        wait "$FLEET_PID" || status=$?
    done
    return "$status"
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
    if [ "$failed" -gt 0 ]; then
        # Repeated at the end, where a CI summary that keeps only the last lines still shows which tests failed.
        echo "Failed tests:"
        { grep -E "^[[:space:]]+Failed [A-Za-z]" "$log" || true; } | sed -E 's/^[[:space:]]+/  /'
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
