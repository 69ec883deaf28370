//! Opening what is not a regular file (a named pipe, a device, a pipe given
//! as `/dev/stdin`) so that a load can be cancelled while it waits.
//!
//! A plain `open` of a named pipe waits inside the system until some program
//! opens it for writing, and nothing can interrupt that wait: a Cancel in the
//! app freed the window but left the loading thread blocked for good. Here
//! the pipe is opened without waiting, the thread then waits for its first
//! data (or its writer's end) in short slices, checking between them whether
//! the load was cancelled, and reads on as a normal blocking file once data
//! is there.

use std::fs::File;
use std::io;
use std::path::Path;

/// How long one slice of the wait for a writer is: how late a Cancel is seen.
#[cfg(unix)]
const WAIT_SLICE_MS: i64 = 100;

/// Opens `path`, which is not a regular file, for reading; while nothing has
/// been written to it yet, waits in slices and gives up with
/// [`io::ErrorKind::Interrupted`] once `cancelled` says so.
#[cfg(unix)]
pub fn open_waiting(path: &Path, cancelled: &dyn Fn() -> bool) -> io::Result<File> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    use rustix::fs::{OFlags, fcntl_getfl, fcntl_setfl};
    use std::os::unix::fs::OpenOptionsExt;

    let nonblocking = i32::try_from(OFlags::NONBLOCK.bits()).unwrap_or(0);
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(nonblocking)
        .open(path)?;
    let slice = Timespec {
        tv_sec: 0,
        tv_nsec: WAIT_SLICE_MS * 1_000_000,
    };
    loop {
        if cancelled() {
            return Err(io::Error::new(
                io::ErrorKind::Interrupted,
                "the load was cancelled while it waited for a program to write to this pipe",
            ));
        }
        let mut fds = [PollFd::new(&file, PollFlags::IN)];
        match poll(&mut fds, Some(&slice)) {
            Ok(0) => continue,
            Ok(_) => break,
            Err(rustix::io::Errno::INTR) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    let flags = fcntl_getfl(&file)?;
    fcntl_setfl(&file, flags - OFlags::NONBLOCK)?;
    Ok(file)
}

/// Opens `path` for reading: where named pipes cannot be opened without
/// waiting, a plain open.
#[cfg(not(unix))]
pub fn open_waiting(path: &Path, _cancelled: &dyn Fn() -> bool) -> io::Result<File> {
    File::open(path)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::mpsc;
    use std::time::Duration;

    fn fifo(dir: &Path) -> std::path::PathBuf {
        let path = dir.join("pipe");
        rustix::fs::mknodat(
            rustix::fs::CWD,
            &path,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::from_raw_mode(0o600),
            0,
        )
        .expect("a named pipe in a temporary folder");
        path
    }

    #[test]
    fn a_pipe_nobody_writes_to_gives_up_when_cancelled() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = fifo(dir.path());
        let (done, ended) = mpsc::channel();
        std::thread::spawn(move || {
            // Not cancelled when the open starts, cancelled at the next look:
            // the open must be waiting in its slices by then.
            let looks = AtomicUsize::new(0);
            let cancelled = || looks.fetch_add(1, Ordering::Relaxed) > 0;
            let opened = open_waiting(&path, &cancelled);
            let _ = done.send(opened.map(|_| ()).map_err(|e| e.kind()));
        });
        // A generous bound: it only turns a thread blocked for good in `open`
        // into a failure instead of a test run that never ends.
        let ended = ended.recv_timeout(Duration::from_secs(60));
        assert_eq!(ended, Ok(Err(io::ErrorKind::Interrupted)));
    }

    #[test]
    fn a_pipe_whose_writer_comes_later_is_read_whole() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = fifo(dir.path());
        let writer_path = path.clone();
        let writer = std::thread::spawn(move || {
            // Opening for writing waits until the reader below has opened.
            let mut pipe = std::fs::OpenOptions::new()
                .write(true)
                .open(&writer_path)
                .expect("the pipe opens for writing");
            pipe.write_all(b"{\"events\": []}").expect("written");
        });
        let mut file = open_waiting(&path, &|| false).expect("the pipe opens for reading");
        let mut read = String::new();
        file.read_to_string(&mut read)
            .expect("read to the writer's end");
        writer.join().expect("the writer ends");
        assert_eq!(read, "{\"events\": []}");
    }
}
