//! Starts s3s-fs (a real S3 implementation over a folder, from crates.io: installed into
//! `~/.cargo/bin` by `scripts/install-tools.sh`) as a child process: the evidence bucket of
//! `make run` and of the tests, as DynamoDB Local is their table. It checks SigV4 signatures,
//! query-string (presigned) ones included, against the access key and secret it is started
//! with, so a link without a signature, with a tampered one or past its expiry is refused
//! locally as S3 refuses it; the API reaches it with the same SDK calls as S3 in AWS.

pub use aws_sdk_s3::config::Credentials;
use std::io;
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct S3Local {
    child: Child,
    endpoint: String,
    credentials: Credentials,
}

/// Where the program is: `S3S_FS` if set, else `~/.cargo/bin/s3s-fs` (where install-tools puts
/// it, whatever `CARGO_HOME` says), else whatever `s3s-fs` is on the `PATH`.
pub fn program() -> PathBuf {
    if let Some(path) = std::env::var_os("S3S_FS").filter(|path| !path.is_empty()) {
        return PathBuf::from(path);
    }
    let installed = std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo/bin/s3s-fs"));
    installed.filter(|path| path.is_file()).unwrap_or_else(|| PathBuf::from("s3s-fs"))
}

impl S3Local {
    /// Starts s3s-fs on a free loopback port with its objects in `root`, and waits until it
    /// listens. Its secret is drawn afresh at each start: only this process talks to it.
    pub fn start(root: &Path) -> io::Result<Self> {
        std::fs::create_dir_all(root)?;
        let root = root.canonicalize()?;
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?.local_addr()?.port();
        let secret = uuid::Uuid::new_v4().simple().to_string();
        let credentials = Credentials::new("wgll-local", secret.clone(), None, None, "s3s-fs");
        let mut command = Command::new(program());
        command
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
            .args(["--access-key", "wgll-local", "--secret-key", &secret])
            .arg(&root)
            .stdin(Stdio::null())
            .stdout(Stdio::null());
        // If our process dies without stopping it, the kernel stops s3s-fs too.
        // SAFETY: prctl is async-signal-safe and touches no memory of the parent.
        unsafe {
            command.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM);
                Ok(())
            });
        }
        let mut child = command.spawn().map_err(|error| {
            io::Error::new(
                error.kind(),
                format!("could not start s3s-fs ({}): {error}; run `make tools`", program().display()),
            )
        })?;
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_err() {
            if let Some(status) = child.try_wait()? {
                return Err(io::Error::other(format!("s3s-fs exited at start ({status})")));
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                return Err(io::Error::new(io::ErrorKind::TimedOut, "s3s-fs did not start in 30 s"));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(Self { child, endpoint: format!("http://127.0.0.1:{port}"), credentials })
    }

    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The access key and secret it checks signatures against.
    pub fn credentials(&self) -> Credentials {
        self.credentials.clone()
    }
}

impl Drop for S3Local {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
