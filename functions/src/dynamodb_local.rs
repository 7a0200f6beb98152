//! Starts AWS's DynamoDB Local (a Java program, installed into `.tools/dynamodb-local` by
//! `scripts/install-tools.sh`) as a child process: the embedded database of `make run` and of the
//! tests. It is the real DynamoDB implementation, never a mock.

use std::io;
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Where the data lives.
pub enum Storage {
    /// Gone when the process stops: for tests.
    InMemory,
    /// Kept in this folder across restarts: for `make run`.
    Directory(PathBuf),
}

pub struct DynamoDbLocal {
    child: Child,
    endpoint: String,
}

impl DynamoDbLocal {
    /// Starts DynamoDB Local from `install_dir` on a free loopback port and waits until it listens.
    pub fn start(install_dir: &Path, storage: Storage) -> io::Result<Self> {
        Self::start_on(install_dir, storage, free_port()?)
    }

    /// Starts it on a given port: a restart where clients expect it, as after an outage.
    pub fn start_on(install_dir: &Path, storage: Storage, port: u16) -> io::Result<Self> {
        // Absolute, because the child runs in `install_dir` (where it finds its native libraries).
        let install_dir = &install_dir.canonicalize().unwrap_or_else(|_| install_dir.to_owned());
        let jar = install_dir.join("DynamoDBLocal.jar");
        if !jar.is_file() {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("DynamoDB Local is not installed at {}: run `make tools`", install_dir.display()),
            ));
        }
        let mut command = Command::new("java");
        command
            .arg(format!("-Djava.library.path={}", install_dir.join("DynamoDBLocal_lib").display()))
            .arg("-jar")
            .arg(&jar)
            .args(["-port", &port.to_string(), "-sharedDb"])
            .current_dir(install_dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null());
        match storage {
            Storage::InMemory => {
                command.arg("-inMemory");
            }
            Storage::Directory(directory) => {
                std::fs::create_dir_all(&directory)?;
                command.arg("-dbPath").arg(directory.canonicalize()?);
            }
        }
        // If our process dies without stopping it (a test run killed by Ctrl-C), the kernel stops
        // DynamoDB Local too, so no Java process is left holding a port.
        // SAFETY: prctl is async-signal-safe and touches no memory of the parent.
        unsafe {
            command.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM);
                Ok(())
            });
        }
        let mut child = command.spawn().map_err(|error| {
            io::Error::new(error.kind(), format!("could not start Java for DynamoDB Local: {error}"))
        })?;
        let deadline = Instant::now() + Duration::from_secs(60);
        while TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_err() {
            if let Some(status) = child.try_wait()? {
                return Err(io::Error::other(format!("DynamoDB Local exited at start ({status})")));
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                return Err(io::Error::new(io::ErrorKind::TimedOut, "DynamoDB Local did not start in 60 s"));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(Self { child, endpoint: format!("http://127.0.0.1:{port}") })
    }

    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// Asks DynamoDB Local to stop (so it closes its files cleanly) and waits for it.
    pub fn stop(mut self) {
        self.terminate();
    }

    fn terminate(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            if let Ok(pid) = i32::try_from(self.child.id()) {
                // SAFETY: sending a signal to our own child process.
                unsafe { libc::kill(pid, libc::SIGTERM) };
            }
            let deadline = Instant::now() + Duration::from_secs(10);
            while matches!(self.child.try_wait(), Ok(None)) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

impl Drop for DynamoDbLocal {
    fn drop(&mut self) {
        self.terminate();
    }
}

fn free_port() -> io::Result<u16> {
    Ok(TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?.local_addr()?.port())
}
