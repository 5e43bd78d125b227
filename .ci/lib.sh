# Shared by .ci/up (run Luukku) and .ci/test (run every test). Source it; do not run it.
# Installs what is missing, says what it cannot install, and starts private Postgres clusters.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Keep compiled dependencies between runs and between clones: builds on 2 cores are slow.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/luukku/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
WASM_BINDGEN_VERSION=$(grep -A1 '^name = "wasm-bindgen"$' "$ROOT/Cargo.lock" | sed -n 's/^version = "\(.*\)"/\1/p')
CARGO_LEPTOS_VERSION=0.3.10

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() { [ "$(id -u)" = 0 ]; }

apt_install() {
  if as_root && command -v apt-get >/dev/null; then
    say "installing $* from Debian's packages"
    if ! { apt-get install -y -qq "$@" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$@" >/dev/null; }; }; then
      die "could not install $*; install them yourself: sudo apt-get install $*"
    fi
  else
    die "missing: $*. Install them: sudo apt-get install $*"
  fi
}

ensure_rust() {
  command -v cargo >/dev/null || die "Rust is missing: install it from https://rustup.rs, then run this again"
  if ! rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

# cargo-leptos downloads its helpers unless they are on PATH, and downloads fail here: install them.
ensure_leptos_tools() {
  ensure_rust
  export PATH="$HOME/.cargo/bin:$PATH"
  if ! cargo leptos --version >/dev/null 2>&1; then
    say "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 10 minutes on 2 cores, once)"
    CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_OPT_LEVEL=2 \
      cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (the exact version in Cargo.lock, about 2 minutes, once)"
    CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
  command -v wasm-opt >/dev/null || apt_install binaryen
}

ensure_postgres() {
  [ -x "$PG_BIN/initdb" ] || apt_install postgresql
  [ -x "$PG_BIN/initdb" ] || die "PostgreSQL server binaries not found in $PG_BIN (set PG_BIN)"
}

# pg_run CMD...: runs a Postgres program as the postgres user when we are root (Postgres refuses root).
pg_run() {
  if as_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

# start_cluster DIR PORT [throwaway]: initialises (once) and starts a private cluster that listens on
# 127.0.0.1:PORT and a socket in DIR, and prints its DATABASE_URL base (without database name).
start_cluster() {
  local dir=$1 port=$2 throwaway=${3:-}
  ensure_postgres
  mkdir -p "$dir"
  if as_root; then chown postgres: "$dir"; fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    pg_run "$PG_BIN/initdb" -D "$dir/data" -U luukku --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null \
      || die "initdb failed in $dir/data"
  fi
  local opts="-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200"
  [ -n "$throwaway" ] && opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  opts="$opts ${LUUKKU_PG_OPTS:-}"
  if ! pg_run "$PG_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    pg_run "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -o "$opts" -w start >/dev/null \
      || die "Postgres did not start; see $dir/postgres.log"
  fi
  echo "postgres://luukku@127.0.0.1:$port"
}

stop_cluster() {
  pg_run "$PG_BIN/pg_ctl" -D "$1/data" -m fast stop >/dev/null 2>&1 || true
}

# A directory the postgres user can reach even when the checkout is under a mode-700 home.
cluster_home() {
  local key
  key=$(printf '%s' "$ROOT" | sha1sum | cut -c1-10)
  if as_root; then echo "/var/tmp/luukku-$key-$1"; else echo "$ROOT/target/pg-$1"; fi
}

# A private Python with aiosmtpd, the real SMTP server the mail tests and benchmarks send to.
MAIL_VENV="${XDG_CACHE_HOME:-$HOME/.cache}/luukku/mail-venv"
ensure_smtp_sink() {
  if ! "$MAIL_VENV/bin/python" -c 'import aiosmtpd' 2>/dev/null; then
    command -v python3 >/dev/null || apt_install python3
    python3 -m venv "$MAIL_VENV" 2>/dev/null || { apt_install python3-venv; python3 -m venv "$MAIL_VENV"; } \
      || die "cannot make a Python virtual environment for the SMTP test server (python3-venv)"
    say "installing aiosmtpd (the SMTP server the mail tests send to)"
    "$MAIL_VENV/bin/pip" install --quiet 'aiosmtpd>=1.4,<2' \
      || die "cannot install aiosmtpd from PyPI: the mail tests need it"
  fi
  export LUUKKU_SMTP_SINK="$MAIL_VENV/bin/python $ROOT/.ci/smtp-sink.py"
}

# A mail catcher for the demo: MailDev (npm) takes the demo's mail over SMTP and shows it on a web
# page. Prints nothing; sets MAILDEV to the command that starts it.
ensure_mail_catcher() {
  local prefix="${XDG_CACHE_HOME:-$HOME/.cache}/luukku/maildev"
  if [ ! -f "$prefix/node_modules/maildev/bin/maildev" ]; then
    command -v npm >/dev/null || apt_install nodejs npm
    command -v npm >/dev/null || die "npm is missing: install nodejs and npm, or set LUUKKU_SMTP_URL"
    say "installing MailDev (the demo's mail catcher)"
    mkdir -p "$prefix"
    npm install --no-audit --no-fund --silent --prefix "$prefix" maildev@2.2.1 >/dev/null \
      || die "cannot install MailDev from npm: set LUUKKU_SMTP_URL to a mail server instead"
  fi
  MAILDEV="node $prefix/node_modules/maildev/bin/maildev"
}

# A real IMAP server for the mail tests and benchmarks: Debian's Dovecot, run privately on
# 127.0.0.1:PORT over TLS with a certificate made for it, any user name signing in with the
# password `secret`, each user's mail in its own folder under DIR. Prints the path of the
# certificate authority that signed its certificate (for LUUKKU_IMAP_CA); stop it with
# stop_imap_server DIR.
start_imap_server() {
  local dir=$1 port=$2 owner uid gid
  [ -x /usr/sbin/dovecot ] || apt_install dovecot-imapd
  [ -x /usr/sbin/dovecot ] || die "Dovecot is missing: install dovecot-imapd"
  command -v openssl >/dev/null || apt_install openssl
  mkdir -p "$dir/home" "$dir/run" "$dir/state"
  # A certificate authority of its own, and the server's certificate signed by it.
  if [ ! -f "$dir/cert.pem" ]; then
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > "$dir/leaf.ext"
    { openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Luukku test CA" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign" \
        -keyout "$dir/ca-key.pem" -out "$dir/ca.pem" \
      && openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$dir/key.pem" -out "$dir/req.pem" \
      && openssl x509 -req -in "$dir/req.pem" -CA "$dir/ca.pem" -CAkey "$dir/ca-key.pem" -CAcreateserial \
        -days 3650 -extfile "$dir/leaf.ext" -out "$dir/cert.pem"; } >/dev/null 2>&1 \
      || die "openssl could not make the test certificates"
  fi
  # Mail is kept by an unprivileged user: nobody when we are root, else ourselves.
  if as_root; then owner=nobody; uid=nobody; gid=nogroup; else owner=$(id -un); uid=$(id -u); gid=$(id -g); fi
  chown "$owner" "$dir/home"
  cat > "$dir/dovecot.conf" <<CONF
instance_name = luukku-$port
base_dir = $dir/run
state_dir = $dir/state
protocols = imap
listen = 127.0.0.1
log_path = $dir/dovecot.log
ssl = required
ssl_cert = <$dir/cert.pem
ssl_key = <$dir/key.pem
auth_mechanisms = plain
passdb {
  driver = static
  args = password=secret
}
userdb {
  driver = static
  args = uid=$uid gid=$gid home=$dir/home/%u
}
mail_location = maildir:~/Maildir
first_valid_uid = 1
service imap-login {
  chroot =
  inet_listener imap {
    port = 0
  }
  inet_listener imaps {
    port = $port
    ssl = yes
  }
}
service anvil {
  chroot =
}
CONF
  if ! as_root; then
    printf 'default_login_user = %s\ndefault_internal_user = %s\n' "$owner" "$owner" >> "$dir/dovecot.conf"
  fi
  # Its own output goes to its log: a daemon holding our standard output would keep a caller
  # reading it waiting.
  /usr/sbin/dovecot -c "$dir/dovecot.conf" </dev/null >/dev/null 2>&1 || die "Dovecot did not start; see $dir/dovecot.log"
  for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  echo "$dir/ca.pem"
}

stop_imap_server() {
  [ -f "$1/dovecot.conf" ] && /usr/sbin/dovecot -c "$1/dovecot.conf" stop 2>/dev/null || true
}
