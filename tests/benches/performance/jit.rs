//! How busy DynamoDB Local's JIT compilers are, so the latency warm-up can go on until they are
//! idle. `perf` on a run showed the JVM's C2 compiler taking about a third of the 2 cores for the
//! first 20 s of the section: without this, most figures were timed while DynamoDB Local was still
//! compiling the code that answers them (a deployed database is past that), and its p99s measured
//! the compiler more than the requests.
//!
//! Read from `/proc` (Linux): the CPU time of the threads named `C1 CompilerThre…` and
//! `C2 CompilerThre…` in every JVM this process started. Elsewhere it is `None`, and the warm-up
//! falls back to its minimum.

use std::time::Duration;

/// Clock ticks per second in `/proc/<pid>/stat`: `USER_HZ`, which Linux fixes at 100 for user
/// space whatever the kernel's own tick rate.
const TICKS_PER_SECOND: u64 = 100;

/// CPU time the JIT compilers of this process's child JVMs (DynamoDB Local) have used so far.
pub fn compile_time() -> Option<Duration> {
    let me = std::process::id();
    let mut ticks = None;
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let path = entry.path();
        let Some((parent, command)) = std::fs::read_to_string(path.join("stat")).ok().and_then(|stat| {
            let fields = after_command(&stat)?;
            let command = stat[stat.find('(')? + 1..stat.rfind(')')?].to_owned();
            Some((fields.get(1)?.parse::<u32>().ok()?, command))
        }) else {
            continue;
        };
        if parent != me || command != "java" {
            continue;
        }
        for thread in std::fs::read_dir(path.join("task")).into_iter().flatten().flatten() {
            let Ok(stat) = std::fs::read_to_string(thread.path().join("stat")) else { continue };
            if !stat.contains("CompilerThre") {
                continue;
            }
            // utime and stime: the 14th and 15th fields, the 12th and 13th after the command.
            let used = after_command(&stat)
                .map(|fields| {
                    fields.iter().skip(11).take(2).filter_map(|field| field.parse::<u64>().ok()).sum()
                })
                .unwrap_or(0);
            *ticks.get_or_insert(0) += used;
        }
    }
    ticks.map(|ticks| Duration::from_millis(ticks * 1000 / TICKS_PER_SECOND))
}

/// The fields of a `stat` line after `(command)`, which may itself hold spaces and parentheses.
fn after_command(stat: &str) -> Option<Vec<&str>> {
    Some(stat[stat.rfind(')')? + 1..].split_whitespace().collect())
}
