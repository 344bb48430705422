#!/usr/bin/env bash
# A single-node Slurm cluster on this machine, in a folder of its own, for tests (sweeps through
# sbatch job arrays; later srun -n 2 for distributed training). Needs root (munged and slurmd run
# as root) and the packages scripts/setup.sh installs (munge, slurmctld, slurmd, slurm-client).
#
#   scripts/slurm-local.sh start DIR   writes DIR/slurm.conf, starts munged, slurmctld and slurmd,
#                                      waits until the node is idle; prints `export SLURM_CONF=...`
#                                      (also in DIR/env). Exit 3 when Slurm cannot run here.
#   scripts/slurm-local.sh stop DIR    stops the three daemons started for DIR.
#
# Clients find the cluster through SLURM_CONF=DIR/slurm.conf; the munge socket is DIR/munge.socket.
set -euo pipefail

cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
cannot() { echo "slurm-local: cannot run Slurm here: $*" >&2; exit 3; }

stop_pid() {
  local file=$1
  [ -f "$file" ] || return 0
  local pid; pid=$(cat "$file" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

case "$cmd" in
stop)
  stop_pid "$dir/slurmd.pid"
  stop_pid "$dir/slurmctld.pid"
  stop_pid "$dir/munged.pid"
  exit 0
  ;;
start) ;;
*) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac

[ "$(id -u)" -eq 0 ] || cannot "not root (munged and slurmd must run as root)"
for tool in munged slurmctld slurmd sbatch squeue sinfo; do
  command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || cannot "$tool is not installed (scripts/setup.sh installs munge, slurmctld, slurmd, slurm-client)"
done
export PATH="$PATH:/usr/sbin"

dir=$(mkdir -p "$dir" && cd "$dir" && pwd)
mkdir -p "$dir/state" "$dir/spool"
chmod 700 "$dir"
host=$(hostname -s)
cpus=$(nproc)
# Ports of our own, so two test runs (or a real Slurm) on one machine do not collide.
base=$(( 20000 + (RANDOM % 20000) ))

# munge: a key and a socket of our own.
head -c 1024 /dev/urandom > "$dir/munge.key"
chmod 400 "$dir/munge.key"
munged --force --key-file="$dir/munge.key" --socket="$dir/munge.socket" \
  --pid-file="$dir/munged.pid" --log-file="$dir/munged.log" --seed-file="$dir/munged.seed" \
  || cannot "munged did not start: $(tail -3 "$dir/munged.log" 2>/dev/null)"

cat > "$dir/slurm.conf" <<CONF
ClusterName=crucible-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$base
SlurmdPort=$(( base + 1 ))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MinJobAge=60
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=YES
CONF
export SLURM_CONF="$dir/slurm.conf"
echo "export SLURM_CONF=$dir/slurm.conf" > "$dir/env"

slurmctld -i || { "$0" stop "$dir"; cannot "slurmctld did not start: $(tail -5 "$dir/slurmctld.log" 2>/dev/null)"; }
slurmd || { "$0" stop "$dir"; cannot "slurmd did not start: $(tail -5 "$dir/slurmd.log" 2>/dev/null)"; }

for _ in $(seq 1 300); do
  state=$(sinfo -h -N -o %T 2>/dev/null | head -1 || true)
  case "$state" in idle*|mixed*|allocated*) echo "export SLURM_CONF=$dir/slurm.conf"; exit 0 ;; esac
  sleep 0.1
done
"$0" stop "$dir"
cannot "the node did not become idle (state '${state:-none}'): $(tail -5 "$dir/slurmd.log" 2>/dev/null)"
